fn main() {
    std::process::exit(guidewright::cmd::run());
}
