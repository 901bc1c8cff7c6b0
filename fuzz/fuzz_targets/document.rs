#![no_main]
//! `content/eksempel/sosiale-medier.md` as the fuzzer writes it.
libfuzzer_sys::fuzz_target!(|data: &[u8]| klausul_fuzz::check_with("content/eksempel/sosiale-medier.md", data));
