//! Seeded random rules content (mutations of valid content): loading never panics and every
//! result renders. A cheap, deterministic companion of the `rules_yaml` cargo-fuzz target
//! (`fuzz/fuzz_targets/rules_yaml.rs`), run with the other tests.

mod common;

use falco_engine::Engine;

const TOKENS: &[&str] = &[
    "- rule: ",
    "- macro: ",
    "- list: ",
    "  condition: ",
    "  output: ",
    "  priority: ",
    "  items: ",
    "  exceptions:\n    - name: e\n      fields: [proc.name]\n      values: [[a]]\n",
    "  override:\n    condition: append\n",
    "  append: true\n",
    "  enabled: ",
    "evt.type = close",
    " and ",
    " or not ",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\n",
    "  ",
    "%",
    "'",
    "\"",
    "&a ",
    "*a",
    "|\n",
    ">\n",
    "---\n",
    "~",
    "\t",
    "é",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(5) {
            0 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                v.splice(at..at, t.iter().copied());
            }
            1 if !v.is_empty() => {
                let end = (at + rng.below(16)).min(v.len());
                v.drain(at.min(end)..end);
            }
            2 if at < v.len() => v[at] = rng.next() as u8,
            3 if !v.is_empty() => {
                let start = rng.below(v.len());
                let end = (start + rng.below(64)).min(v.len());
                let chunk = v[start..end].to_vec();
                v.splice(at..at, chunk);
            }
            _ => v.truncate(at),
        }
    }
    v
}

fn seeds() -> Vec<String> {
    let mut s = vec![
        common::rule(
            "r",
            "evt.type = close and evt.rawarg.fd > 2",
            &["tags: [a]"],
        ),
        format!(
            "- list: l\n  items: [a, \"b c\"]\n- macro: m\n  condition: proc.name in (l)\n{}",
            common::rule("r", "evt.type = open and m", &[])
        ),
        format!(
            "{}- rule: r\n  exceptions:\n    - name: e\n      values: [x]\n  override:\n    \
             exceptions: append\n",
            common::rule(
                "r",
                "evt.type = open",
                &["exceptions:\n    - name: e\n      fields: proc.name\n      values: [y]"]
            )
        ),
        "- required_engine_version: 0.57.0\n- required_plugin_versions:\n  - name: \
         container\n    version: 0.4.0\n"
            .to_string(),
    ];
    let upstream = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/rules/upstream/falco_rules.yaml");
    if let Ok(text) = std::fs::read_to_string(upstream) {
        let head: Vec<&str> = text.lines().take(250).collect();
        s.push(head.join("\n"));
    }
    s
}

#[test]
fn mutated_content_never_panics() {
    let seeds = seeds();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut loaded = 0;
    for i in 0..1500 {
        let seed = seeds[i % seeds.len()].as_bytes();
        let input = mutate(&mut rng, seed);
        let text = String::from_utf8_lossy(&input);
        let mut engine = Engine::new();
        for name in ["a.yaml", "b.yaml"] {
            let res = engine.load_rules(&text, name);
            assert_eq!(res.successful(), res.errors().is_empty());
            let _ = res.as_summary_string();
            let _ = res.as_verbose_string(engine.contents());
            let _ = res.as_json(engine.contents());
            loaded += usize::from(res.successful());
        }
    }
    // The mutations keep some content valid.
    assert!(loaded > 100, "{loaded}");
}
