//! Several files: definitions accumulate in order, later files append to and override
//! earlier ones; `rules.d`-style directories give their `*.yaml`/`*.yml` files, sorted.

mod common;

use std::fs;

use common::rule;
use falco_engine::{rules_file_paths, Engine};

#[test]
fn later_files_extend_earlier_ones() {
    let mut e = Engine::new();
    let base = format!(
        "- list: shells\n  items: [bash]\n- macro: spawned\n  condition: evt.type = \
         execve\n{}{}",
        rule("shell", "spawned and proc.name in (shells)", &[]),
        rule("other", "evt.type = close", &[])
    );
    let r = e.load_rules(&base, "base.yaml");
    assert!(r.successful());
    let local = format!(
        "- list: shells\n  items: [zsh]\n  override:\n    items: append\n- rule: shell\n  \
         enabled: false\n  override:\n    enabled: replace\n{}",
        rule("mine", "evt.type = open", &[])
    );
    let r = e.load_rules(&local, "local.yaml");
    assert!(r.successful(), "{}", r.as_verbose_string(e.contents()));
    let names: Vec<&str> = e.rules().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["shell", "other", "mine"]);
    assert_eq!(
        e.rule("shell").unwrap().condition.to_string(),
        "(evt.type = execve and proc.name in (bash, zsh))"
    );
    assert_eq!(e.ruleset().enabled_count(), 2);
    assert!(!e.ruleset().is_enabled(0));
}

#[test]
fn a_failed_file_keeps_the_previous_rules() {
    let mut e = Engine::new();
    assert!(e
        .load_rules(&rule("a", "evt.type = open", &[]), "a.yaml")
        .successful());
    let r = e.load_rules(&rule("b", "evt.type = open and nowhere", &[]), "b.yaml");
    assert!(!r.successful());
    assert_eq!(e.rules().len(), 1);
    assert_eq!(e.ruleset().enabled_count(), 1);
}

#[test]
fn warnings_of_later_files_may_concern_earlier_ones() {
    // A list used only by a macro that a later file replaces becomes unused.
    let mut e = Engine::new();
    let r = e.load_rules(
        &format!(
            "- list: cats\n  items: [cat]\n- macro: is_cat\n  condition: proc.name in \
             (cats)\n{}",
            rule("r", "evt.type = open and is_cat", &[])
        ),
        "first.yaml",
    );
    assert!(r.successful() && !r.has_warnings());
    let r = e.load_rules(
        "- macro: is_cat\n  condition: proc.name = dog\n",
        "second.yaml",
    );
    assert!(r.successful());
    assert_eq!(r.warnings().len(), 1);
    assert_eq!(r.warnings()[0].ctx.name(), "first.yaml");
    assert!(r
        .as_summary_string()
        .starts_with("second.yaml: Ok, with warnings"));
}

#[test]
fn directories_and_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("20-b.yaml"), rule("b", "evt.type = open", &[])).unwrap();
    fs::write(d.join("10-a.yml"), rule("a", "evt.type = open", &[])).unwrap();
    fs::write(d.join("30-c.yaml.bak"), "not loaded").unwrap();
    fs::write(d.join("README"), "not loaded").unwrap();
    fs::create_dir(d.join("40-sub.yaml")).unwrap();
    fs::write(d.join("40-sub.yaml/x.yaml"), "not loaded: no recursion").unwrap();
    let single = d.join("single.yaml");
    let files = rules_file_paths(&[d.to_path_buf()]).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["10-a.yml", "20-b.yaml"]);
    // Files are kept in the order given; non-YAML names are dropped; missing files stay.
    let other = tempfile::tempdir().unwrap();
    fs::write(
        other.path().join("z.yaml"),
        rule("z", "evt.type = open", &[]),
    )
    .unwrap();
    let files = rules_file_paths(&[
        other.path().join("z.yaml"),
        d.to_path_buf(),
        d.join("notes.txt"),
        single.clone(),
    ])
    .unwrap();
    assert_eq!(files.len(), 4);
    assert_eq!(files[0], other.path().join("z.yaml"));
    assert_eq!(files[3], single);
    let mut e = Engine::new();
    for f in &files[..3] {
        let r = e.load_rules_file(f).unwrap();
        assert!(r.successful(), "{}", r.as_verbose_string(e.contents()));
    }
    let names: Vec<&str> = e.rules().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["z", "a", "b"]);
    // A missing file can't be read.
    let err = e.load_rules_file(&files[3]).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("Could not open file {} for reading", single.display())
    );
}

#[cfg(unix)]
#[test]
fn symlinks_in_directories_are_followed() {
    let dir = tempfile::tempdir().unwrap();
    let target = tempfile::tempdir().unwrap();
    fs::write(
        target.path().join("real.yaml"),
        rule("r", "evt.type = open", &[]),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        target.path().join("real.yaml"),
        dir.path().join("link.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        target.path().join("gone.yaml"),
        dir.path().join("dangling.yaml"),
    )
    .unwrap();
    let files = rules_file_paths(&[dir.path()]).unwrap();
    assert_eq!(files, vec![dir.path().join("link.yaml")]);
}
