#![no_main]
//! `locales/nb/fuzz.ftl` as the fuzzer writes it.
libfuzzer_sys::fuzz_target!(|data: &[u8]| klausul_fuzz::check_with("locales/nb/fuzz.ftl", data));
