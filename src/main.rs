fn main() {
    std::process::exit(certcheck::cli::run(std::env::args_os()));
}
