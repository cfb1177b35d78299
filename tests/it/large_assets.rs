//! Large assets are streamed, never held whole: rebuilding a guide with two large files
//! compares them with the previous build's copies a block at a time. Measured from Linux's
//! peak resident size, reset between the builds, in a process of its own (see
//! [`own_process`]), so no other test shares the memory figure.
#![cfg(target_os = "linux")]

use crate::common::{Guide, own_process};

const ASSET_BYTES: u64 = 384 * 1024 * 1024;

/// This process's peak resident memory since it started or since [`reset_peak`], in bytes.
fn peak_resident() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kb: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb * 1024
}

fn reset_peak() {
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
}

#[test]
fn a_rebuild_with_large_unchanged_assets_does_not_read_them_into_memory() {
    if !own_process(
        "large_assets::a_rebuild_with_large_unchanged_assets_does_not_read_them_into_memory",
    ) {
        return;
    }
    let guide = Guide::minimal();
    guide.write(
        "content/_index.md",
        "---\ntitle: Home\n---\nTwo [large](one.bin) [files](two.bin).\n",
    );
    for name in ["one.bin", "two.bin"] {
        let file = std::fs::File::create(guide.root.join("content").join(name)).unwrap();
        file.set_len(ASSET_BYTES).unwrap(); // sparse: no disk used, reads as zeros
    }
    guide.build_ok();
    reset_peak();
    let before = peak_resident();
    guide.build_ok();
    let grew = peak_resident().saturating_sub(before);
    assert!(
        grew < ASSET_BYTES / 2,
        "the rebuild's peak grew by {} MB for assets of {} MB",
        grew >> 20,
        ASSET_BYTES >> 20
    );
    let published = std::fs::metadata(guide.public().join("one.bin")).unwrap();
    assert_eq!(published.len(), ASSET_BYTES);
}
