// mimalloc instead of the system allocator: a build allocates and frees millions of small
// strings and template values from several threads; see docs/performance.md.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(guidewright::cmd::run());
}
