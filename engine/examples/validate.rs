//! Loads rules files in order, as `falco -V` does, and prints each result.
//!
//! ```text
//! cargo run -p falco-engine --example validate -- FILE_OR_DIR...
//! ```

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let files = falco_engine::rules_file_paths(&args).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let mut engine = falco_engine::Engine::new();
    let mut ok = true;
    for f in files {
        let res = match engine.load_rules_file(&f) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1)
            }
        };
        ok &= res.successful();
        eprintln!(
            "   {} | schema validation: {}",
            f.display(),
            res.schema_validation()
        );
        println!("{}", res.as_verbose_string(engine.contents()));
    }
    println!(
        "{} rules compiled, {} enabled",
        engine.rules().len(),
        engine.ruleset().enabled_count()
    );
    std::process::exit(if ok { 0 } else { 1 });
}
