#![no_main]
//! `content/eksempel/council.yaml` as the fuzzer writes it.
libfuzzer_sys::fuzz_target!(|data: &[u8]| klausul_fuzz::check_with("content/eksempel/council.yaml", data));
