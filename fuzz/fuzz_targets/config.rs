#![no_main]
//! `klausul.yaml` as the fuzzer writes it.
libfuzzer_sys::fuzz_target!(|data: &[u8]| klausul_fuzz::check_with("klausul.yaml", data));
