#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// One guide folder per fuzzing process; each input overwrites its data files.
static GUIDE: OnceLock<tempfile::TempDir> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let dir = GUIDE.get_or_init(|| tempfile::tempdir().expect("a temporary folder"));
    guidewright_fuzz::catalog(dir.path(), data);
});
