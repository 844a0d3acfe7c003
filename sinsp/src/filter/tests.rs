//! Edge cases of the condition language (research digest engine.md §7, items 1–27, and the
//! behaviours libsinsp's own tests pin down), on synthetic events.
//!
//! Cases that need fields not in the field table yet (proc.*, fd.*, evt.arg, evt.buffer,
//! ...) are written against `evt.*` fields with the same type where the semantics carry
//! over, and noted "waits for <field>" where they don't.

use falco_scap::EventBuilder;
use falco_schema::code;

use super::ast::{Expr, Operand, Rhs};
use super::compare::{CmpOp, Kind, Lit};
use super::eval::{Check, Combine, Matcher, Node, Scalar};
use super::transform::Extractor;
use super::*;
use crate::fields::Ctx;
use crate::state::State;

// ---- helpers ----

fn parse_ok(s: &str) -> Expr {
    parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
}

/// Accepted as is, with blanks around, and with spaces turned into newlines and tabs.
fn accept(s: &str) {
    parse_ok(s);
    let spaced = format!(" {s} ");
    parse_ok(&spaced);
    parse_ok(&spaced.replace(' ', "\n"));
    parse_ok(&spaced.replace(' ', "\t"));
}

fn reject(s: &str) {
    if let Ok(e) = parse(s) {
        panic!("{s:?} should not parse, got {e}");
    }
}

fn reject_msg(s: &str, msg: &str) {
    match parse(s) {
        Ok(e) => panic!("{s:?} should not parse, got {e}"),
        Err(e) => assert_eq!(e.message, msg, "{s:?}"),
    }
}

fn compile_str(s: &str) -> Result<Filter, CompileError> {
    Filter::compile(&parse_ok(s))
}

fn compiles(s: &str) {
    if let Err(e) = compile_str(s) {
        panic!("{s:?} should compile: {e}");
    }
}

fn compile_err(s: &str) -> String {
    match compile_str(s) {
        Ok(_) => panic!("{s:?} should not compile"),
        Err(e) => e.message,
    }
}

fn warnings(s: &str) -> Vec<String> {
    let mut w = Vec::new();
    Filter::compile_with_warnings(&parse_ok(s), &mut w)
        .unwrap_or_else(|e| panic!("{s:?} should compile: {e}"));
    w.into_iter().map(|w| w.message).collect()
}

/// A synthetic event: type, parameters; number 211, CPU 1, thread 17497.
struct Ev {
    b: EventBuilder,
}

impl Ev {
    fn new(ty: u16, params: &[&[u8]]) -> Ev {
        let mut b = EventBuilder::new();
        b.begin(1_534_527_348_514_632_619, 17497, ty);
        for p in params {
            b.param(p);
        }
        Ev { b }
    }

    fn eval(&mut self, filter: &str) -> bool {
        let mut f = compile_str(filter).unwrap_or_else(|e| panic!("{filter:?}: {e}"));
        let mut ev = self.b.event();
        ev.num = 211;
        ev.cpu = 1;
        let state = State::new();
        f.eval(&Ctx {
            ev: &ev,
            state: &state,
        })
    }
}

/// `close` exit: res, fd.
fn close_x(res: i64, fd: i64) -> Ev {
    Ev::new(
        code::PPME_SYSCALL_CLOSE_X,
        &[&res.to_le_bytes(), &fd.to_le_bytes()],
    )
}

/// `getcwd` exit: res, path (no fd parameter).
fn getcwd_x(res: i64, path: &str) -> Ev {
    let mut p = path.as_bytes().to_vec();
    p.push(0);
    Ev::new(code::PPME_SYSCALL_GETCWD_X, &[&res.to_le_bytes(), &p])
}

/// `write` exit: res, data (BYTEBUF), fd, size.
fn write_x(data: &[u8]) -> Ev {
    Ev::new(
        code::PPME_SYSCALL_WRITE_X,
        &[
            &(data.len() as i64).to_le_bytes(),
            data,
            &3i64.to_le_bytes(),
            &(data.len() as u32).to_le_bytes(),
        ],
    )
}

fn t(ev: &mut Ev, f: &str) {
    assert!(ev.eval(f), "{f:?} should be true");
}

fn f(ev: &mut Ev, f: &str) {
    assert!(!ev.eval(f), "{f:?} should be false");
}

/// The event-type check in front of `Filter::eval` rejects only events the condition does
/// not match, and says which types it lets through.
#[test]
fn type_prefilter_agrees_with_the_condition() {
    let filters = [
        "evt.type = close",
        "evt.type != close",
        "not evt.type in (close, write)",
        "evt.type = getcwd or fd.num = 3",
        "evt.type = open",
        "evt.num > 0",
        "evt.num = 0",
        "evt.type exists",
        "not (evt.type = close and fd.num = 3)",
        "tolower(evt.type) = close",
        "evt.type = newfstatat",
    ];
    let mut passed = 0;
    // A generic event named after a syscall that has events of its own today, as older
    // drivers recorded it (sysdig 0.29's newfstatat): `evt.type = newfstatat` matches it.
    let generic = Ev::new(
        code::PPME_GENERIC_X,
        &[&falco_schema::syscalls::sc::PPM_SC_NEWFSTATAT.to_le_bytes()],
    );
    for mut ev in [close_x(0, 3), getcwd_x(0, "/tmp"), write_x(b"hi"), generic] {
        let mut e = ev.b.event();
        // Streams number their events from 1.
        e.num = 211;
        let state = State::new();
        let ctx = Ctx {
            ev: &e,
            state: &state,
        };
        for text in filters {
            let mut filter = compile_str(text).unwrap();
            let whole = filter.root.eval(&ctx);
            let let_through = filter.event_types().contains(e.ty());
            assert!(let_through || !whole, "{text:?} on {}", e.ty());
            assert_eq!(filter.eval(&ctx), whole, "{text:?} on {}", e.ty());
            passed += usize::from(whole);
        }
    }
    assert!(passed >= 10, "{passed}");
    let types = |t: &str| compile_str(t).unwrap().event_types().iter().count();
    // close enter and exit, plus the generic and async events that are always evaluated.
    assert_eq!(types("evt.type = close"), 5);
    assert_eq!(types("evt.num = 0"), 3);
    assert_eq!(types("tolower(evt.type) = close"), falco_schema::EVENT_MAX);
}

/// `evt.type` checks remember their result per event type, and for generic events per
/// syscall: two generic events of different syscalls get different answers from one
/// compiled filter, in any order.
#[test]
fn type_check_memo_tells_generic_syscalls_apart() {
    use falco_schema::syscalls::sc;
    let generic = |id: u16| Ev::new(code::PPME_GENERIC_X, &[&id.to_le_bytes()]);
    let mut filter = compile_str("evt.type in (newfstatat, open)").unwrap();
    let state = State::new();
    let mut verdict = |ev: &mut Ev| {
        let mut e = ev.b.event();
        e.num = 1;
        filter.eval(&Ctx {
            ev: &e,
            state: &state,
        })
    };
    let (mut stat, mut sync) = (generic(sc::PPM_SC_NEWFSTATAT), generic(sc::PPM_SC_SYNC));
    for _ in 0..2 {
        assert!(verdict(&mut stat));
        assert!(!verdict(&mut sync));
    }
    assert!(!verdict(&mut close_x(0, 3)));
}

/// `evt.around[T]=D`: the event's time within D ms of T, bounds included; only `=`.
#[test]
fn around_a_time() {
    // Ev::new's events happen at 1_534_527_348_514_632_619 ns.
    let ts: u64 = 1_534_527_348_514_632_619;
    let mut ev = close_x(0, 3);
    t(&mut ev, &format!("evt.around[{ts}] = 0"));
    t(&mut ev, &format!("evt.around[{}] = 2", ts + 2_000_000));
    f(&mut ev, &format!("evt.around[{}] = 1", ts + 2_000_000));
    t(&mut ev, &format!("evt.around[{}] = 3", ts - 3_000_000));
    f(&mut ev, &format!("evt.around[{}] = 2", ts - 2_000_001));
    t(&mut ev, &format!("not evt.around[{}] = 2", ts - 2_000_001));
    assert!(compile_err(&format!("evt.around[{ts}] > 1")).contains("only the '='"));
    assert!(compile_err("evt.around = 1").contains("evt.around[T]=D"));
    assert!(compile_err(&format!("evt.around[{ts}] = soon")).contains("milliseconds"));
}

// ---- 1-11: the grammar ----

#[test]
fn item1_precedence() {
    let e = parse_ok("a.a=1 or b.b=2 and c");
    assert_eq!(e, parse_ok("a.a=1 or (b.b=2 and c)"));
    assert_ne!(e, parse_ok("(a.a=1 or b.b=2) and c"));
    assert_eq!(e.to_string(), "(a.a = 1 or (b.b = 2 and c))");
    let Expr::Or { children, .. } = &e else {
        panic!("{e:?}")
    };
    assert!(matches!(children[1], Expr::And { .. }));
    // n-ary, not nested
    let Expr::And { children, .. } = parse_ok("a and b and c and d") else {
        panic!()
    };
    assert_eq!(children.len(), 4);
}

#[test]
fn item2_and_or_not_spelling() {
    for s in [
        "(a)and(b)and(c)",
        "a and(b)",
        "not(a)",
        "not not(a)",
        "a and b and(c)",
        "a or b or(c)",
        "(a)or(b)or(c)",
        "not (not (a))",
        "not(not(a))",
        "not(a)and(not(b))",
        "not a.b=1",
        "not a.a exists",
        "a and notb",
        "notz and a and b",
        "macro and not_macro",
        "macro and not not_macro",
        "macro and and_macro",
        "((macro) and (or_macro))",
    ] {
        accept(s);
    }
    for s in [
        "a andb",
        "aand b",
        "a and or b",
        "a not b",
        "anot b",
        "(a)andnot(b)",
        "a and b and",
        "a and b or",
        "and a",
        "or a",
        "a orb",
        "a ornot b",
        "(a)ornot(b)",
        "a notb",
    ] {
        reject(s);
    }
    // `not not` cancels out.
    assert_eq!(parse_ok("not not a"), parse_ok("a"));
    assert_eq!(
        parse_ok("not not not not not(not not(not not_macro))"),
        parse_ok("not (not not_macro)")
    );
}

#[test]
fn item3_exists_and_keywords() {
    accept("test.op existsand macro");
    assert_eq!(
        parse_ok("test.op existsand macro"),
        parse_ok("test.op exists and macro")
    );
    accept("test.op exists");
    reject("test.op ExIsTs");
    reject("test.op exists something");
}

#[test]
fn item4_operator_blanks() {
    reject("test.op containsvalue");
    reject("test.op globvalue");
    reject("test.op startswithvalue");
    reject("test.op bcontainsvalue");
    for s in [
        "test.op =value",
        "test.op ==value",
        "test.op !=value",
        "test.op >1",
        "test.op <=1",
        "test.op in()",
        "test.op intersects()",
        "test.op pmatch()",
        "test.op bcontains 48545450",
        "test.op bstartswith 12ab001fc5",
        "test.op iglob value",
        "test.op icontains value",
        "test.op endswith value",
        "test.op regex value",
    ] {
        accept(s);
    }
    for s in [
        "test.op ===",
        "test.op === value",
        "test.op !==",
        "test.op !== value",
        "test.op >",
        "test.op in",
        "test.op pmatch",
        "a.a invalidoperator xxx",
    ] {
        reject(s);
    }
    // `in` needs no blank, so a word starting with it is `in` and a list name.
    let e = parse_ok("test.op inside");
    assert!(matches!(
        e,
        Expr::Compare { op: Op::In, rhs: Rhs::ListRef { ref name, .. }, .. } if name == "side"
    ));
}

#[test]
fn item5_numbers() {
    for s in [
        "test.num <= 0XaB00AB",
        "test.num > -0.1222e+10",
        "test.num > 1000",
        "test.num < +1",
        "test.num <= 0x12345",
        "test.num > 1.2",
        "test.str = 0aaaaa",
        "test.str = !0.1222e+10",
        "test.str = 0xAAA.1",
    ] {
        accept(s);
    }
    for s in [
        "test.num >= 0aaaaa",
        "test.num <= a",
        "test.num > !0.1222e+10",
        "test.num < 0xAAA.1",
    ] {
        reject(s);
    }
    // Hexadecimal passes the grammar but not a numeric field.
    assert_eq!(compile_err("evt.num > 0x10"), "0x10 is not a valid number");
}

#[test]
fn item6_lists() {
    accept("test.list in ()");
    accept("test.list in (a)");
    accept("test.list in ('single-quoted')");
    accept("test.list in (0a!@#456:/\\.;!$%^&*[]{}|, value)");
    accept("test.list in (value, \"value\", 'value')");
    for s in [
        "test.list in (value,)",
        "test.list in (,)",
        "test.list in ( 1 ,, , b)",
        "test.list in (",
        "test.list in )",
        "test.list in (value,,)",
        "test.list in (,   ,)",
        "test.list = (value)",
        "test.list contains (value)",
        "test.list > (value)",
        "test.list startswith (value)",
    ] {
        reject(s);
    }
    assert_eq!(
        parse_ok("a.g in (1, 'a', b)"),
        Expr::Compare {
            lhs: Operand::Field(Field {
                name: "a.g".into(),
                arg: None,
                pos: Pos::default()
            }),
            op: Op::In,
            modifier: None,
            rhs: Rhs::List {
                values: vec![b"1".to_vec(), b"a".to_vec(), b"b".to_vec()],
                pos: Pos::default()
            },
            pos: Pos::default()
        }
    );
}

#[test]
fn item7_field_args() {
    for s in [
        "evt.arg[0] contains /bin",
        "evt.arg[a] contains /bin",
        "test.str[+0.25e+10] = a",
        "test.str['a aa'] = a",
        "test.str[\"test \\\"with\\\"escaping\"] = a",
        "test.str[0a!@#456:/\\.;!$%^&*(){}|] = testval",
        "test.str[\"\"] = empty",
    ] {
        accept(s);
    }
    let Expr::Compare {
        lhs: Operand::Field(fl),
        ..
    } = parse_ok("test.str[\"test \\\"with\\\"escaping\"] = a")
    else {
        panic!()
    };
    assert_eq!(fl.arg.as_deref(), Some("test \"with\"escaping"));
    for s in [
        "x.y[]",
        "x.y[   test   ] = a",
        "x.y[[] = a",
        "x.y[]] = a",
        "test.str['''] = a",
        "test.str[aaa\"] = a",
        "test.str[ = testval",
        "test.str] = testval",
    ] {
        reject(s);
    }
    reject_msg(
        "evt.arg[] = value",
        "expected a valid field argument: a quoted string or a bare string",
    );
    reject_msg("evt.arg[\"x\" = value", "expected a ']' token");
    reject_msg(
        "getopt(proc.args, \"nt:\")[] = value",
        "expected a valid field argument: a quoted string or a bare string",
    );
    // An empty quoted argument is an argument.
    assert_ne!(parse_ok("test.str[\"\"] = v"), parse_ok("test.str = v"));
}

#[test]
fn item8_bare_strings() {
    reject("fd.name=/var/lo);g/httpd.log");
    accept("fd.name=*.log");
    accept("test.str = 0a!@#456:/\\.;!$%^&*[]{}|");
    for s in ["test.str = a,", "test.str = a=", "test.str = a('\")"] {
        reject(s);
    }
    // No escapes in bare words.
    let Expr::Compare {
        rhs: Rhs::Value { value, .. },
        ..
    } = parse_ok(r"a.b = x\ny")
    else {
        panic!()
    };
    assert_eq!(value, br"x\ny");
}

#[test]
fn item9_macros_in_checks() {
    reject("macro > 12");
    reject("a.b = b = 1");
    reject_msg(
        "a.b = b = 1",
        "unexpected token after 'b', expecting 'or', 'and'",
    );
    // A field-like value is a string.
    assert!(matches!(
        parse_ok("a.b = a.a"),
        Expr::Compare {
            rhs: Rhs::Value { .. },
            ..
        }
    ));
}

#[test]
fn item10_transformer_syntax() {
    reject("b64 (x.y) exists");
    reject("b64\n(test.field) exists");
    reject("val(x.y) exists");
    reject("some.field = val(toupper(x.y))");
    reject("some.field in (b64(x.y))");
    reject("some.field in (a, b64(test.field))");
    reject("some.field = val(val(test.field))");
    reject("some.field = b64(val(test.field))");
    reject("some.field = (b64(test.field))");
    reject("b64(test.field [1]) exists");
    reject("some_fake_transformer(test.field) exists");
    reject("some.field = b64and(some_macro)");
    for s in [
        "b64(toupper(test.field)) exists",
        "b64( test.field) exists",
        "b64(test.field ) exists",
        "some.field = val(test.field)",
        "some.field in val(test.field)",
        "some.field pmatch b64(test.field)",
        "some.field = b64 and(some_macro)",
        "some.field = 'some_fake_transformer(some_macro)'",
        "tolower(some.field) = b64(test.field) or tolower(other.field) = tolower(anoter.field)",
        "join(\"-\", (fd.name, fd.directory)) = /tmp/test",
        "join(\"-\", ()) = /tmp",
        "join(\"-\", (proc.pid, 123)) contains 123",
        "len(join(\"-\", (fd.name, fd.directory))) > 5",
        "getopt(proc.args, \"nt:\")[t] = value",
    ] {
        accept(s);
    }
    for s in [
        "join(\"-\", (,)) = /tmp",
        "join(\"-\", (fd.name,)) = /tmp",
        "join(\"-\", ((fd.name))) = /tmp",
        "join(\"-\", (macro)) = /tmp",
        "join(\"-\", (barestring)) = /tmp",
        "join(\"-\", fd.name, fd.directory)) = /tmp",
    ] {
        reject(s);
    }
}

#[test]
fn item11_depth_limit() {
    reject_msg(&"(".repeat(100_000), "exceeded max depth limit of 100");
    accept("((((((((((a))))))))))");
    let deep = format!("{}a{}", "(".repeat(150), ")".repeat(150));
    assert!(parse(&deep).is_err());
    assert!(parse_with_max_depth(&deep, 1000).is_ok());
}

#[test]
fn modifiers_grammar() {
    for s in [
        "proc.name == oneof (cat, nginx)",
        "proc.name != allof (cat, nginx)",
        "proc.name == oneof ()",
        "proc.name == oneof allowed_processes",
        "proc.name == oneof oneof",
        "proc.name == oneof",
        "proc.name == oneof_something",
        "proc.name == anyof and fd.name exists",
        "proc.name == oneof or fd.name exists",
        "(proc.name == allof) or (proc.name == oneof)",
        "proc.name contains oneof (cat, nginx)",
        "proc.name glob oneof (cat*, *dog)",
        "tolower(proc.name) == oneof (cat, nginx)",
    ] {
        accept(s);
    }
    for s in [
        "proc.name == oneof (cat,)",
        "proc.name ==oneof (cat, nginx)",
        "proc.name == oneof(cat, nginx)",
        "proc.name == ONEOF (cat)",
        "proc.num > oneof (1, 2)",
        "proc.name contains oneof(cat, nginx)",
        "proc.name == oneof_something (cat)",
        "proc.name in oneof (cat)",
    ] {
        reject(s);
    }
    let e = parse_ok("proc.name == oneof my_list");
    assert!(matches!(
        e,
        Expr::Compare {
            op: Op::EqEq,
            modifier: Some(Modifier::OneOf),
            rhs: Rhs::ListRef { .. },
            ..
        }
    ));
    // `oneof` followed by a boolean keyword is a value.
    assert!(matches!(
        parse_ok("proc.name == anyof and fd.name exists"),
        Expr::And { .. }
    ));
}

#[test]
fn parse_errors_say_where_and_what() {
    let e = parse("evt.type = open and").unwrap_err();
    assert_eq!(e.pos.idx, 19);
    assert_eq!((e.pos.line, e.pos.col), (1, 20));
    assert_eq!(e.message, "expected blank or '(' after 'and'");
    let e = parse("evt.type = open and )").unwrap_err();
    assert_eq!(
        e.to_string(),
        "expected a '(' token, a field check, or an identifier at 1:21"
    );
    let e = parse("evt.type =\n  open and\n evt.dir foo").unwrap_err();
    assert_eq!((e.pos.line, e.pos.col), (3, 10));
    assert!(e
        .message
        .starts_with("expected a valid check operator: one of 'exists', '<='"));
    assert_eq!(
        parse("").unwrap_err().message,
        "filter input string is empty"
    );
    assert_eq!(
        parse("evt.num > x").unwrap_err().message,
        "expected a number value or a field with a valid transformer: 'val', 'tolower', \
         'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'"
    );
}

/// Positions as `kind idx line col` per node, pre-order (the format of libsinsp's tests).
fn positions(e: &Expr) -> String {
    fn pos(out: &mut String, what: &str, p: Pos) {
        out.push_str(&format!("{what}{} {} {}", p.idx, p.line, p.col));
    }
    fn operand(out: &mut String, o: &Operand) {
        match o {
            Operand::Field(f) => pos(out, "field", f.pos),
            Operand::Transform { args, pos: p, .. } => {
                pos(out, "transformer", *p);
                for a in args {
                    operand(out, a);
                }
            }
            Operand::Literal { pos: p, .. } => pos(out, "value", *p),
            Operand::List { pos: p, .. } => pos(out, "transformer_list", *p),
        }
    }
    fn expr(out: &mut String, e: &Expr) {
        match e {
            Expr::And { children, pos: p } | Expr::Or { children, pos: p } => {
                let what = if matches!(e, Expr::And { .. }) {
                    "and"
                } else {
                    "or"
                };
                pos(out, what, *p);
                for c in children {
                    expr(out, c);
                }
            }
            Expr::Not { child, pos: p } => {
                pos(out, "not", *p);
                expr(out, child);
            }
            Expr::Macro { pos: p, .. } => pos(out, "identifier", *p),
            Expr::Exists { lhs, pos: p } => {
                pos(out, "unary", *p);
                operand(out, lhs);
            }
            Expr::Compare {
                lhs, rhs, pos: p, ..
            } => {
                pos(out, "binary", *p);
                operand(out, lhs);
                match rhs {
                    Rhs::Value { pos: p, .. } | Rhs::ListRef { pos: p, .. } => {
                        pos(out, "value", *p)
                    }
                    Rhs::List { pos: p, .. } => pos(out, "list", *p),
                    Rhs::Operand(o) => operand(out, o),
                }
            }
        }
    }
    let mut out = String::new();
    expr(&mut out, e);
    out
}

#[test]
fn node_positions() {
    assert_eq!(
        positions(&parse_ok("proc.aname[3]=nginx")),
        "binary0 1 1field0 1 1value14 1 15"
    );
    assert_eq!(
        positions(&parse_ok("not proc.name=nginx")),
        "not0 1 1binary4 1 5field4 1 5value14 1 15"
    );
    assert_eq!(
        positions(&parse_ok("proc.name in ( nginx, apache)")),
        "binary0 1 1field0 1 1list13 1 14"
    );
    assert_eq!(
        positions(&parse_ok(
            "(proc.aname[2]=nginx and evt.type in (connect,accept)) or (not fd.name exists) or \
             (proc.name=apache and evt.type=switch)"
        )),
        "or0 1 1and1 1 2binary1 1 2field1 1 2value15 1 16binary25 1 26field25 1 26list37 1 \
         38not59 1 60unary63 1 64field63 1 64and83 1 84binary83 1 84field83 1 84value93 1 \
         94binary104 1 105field104 1 105value113 1 114"
    );
    let multiline = "\n(proc.aname[2]=nginx\n     and evt.type in (connect,accept))\n   or (not \
                     fd.name exists)\n   or (proc.name=apache\n       and evt.type=switch)";
    assert_eq!(
        positions(&parse_ok(multiline)),
        "or0 1 1and2 2 2binary2 2 2field2 2 2value16 2 16binary31 3 10field31 3 10list43 3 \
         22not68 4 8unary72 4 12field72 4 12and95 5 8binary95 5 8field95 5 8value105 5 \
         18binary123 6 12field123 6 12value132 6 21"
    );
    assert_eq!(
        positions(&parse_ok(
            "b64(evt.name) exists and tolower(toupper(evt.type)) in val(some.field) or \
             proc.name=b64(tolower(some.field))"
        )),
        "or0 1 1and0 1 1unary0 1 1transformer0 1 1field4 1 5binary25 1 26transformer25 1 \
         26transformer33 1 34field41 1 42transformer55 1 56field59 1 60binary74 1 75field74 \
         1 75transformer84 1 85transformer88 1 89field96 1 97"
    );
}

// ---- printing back (engine.md 7.36) ----

#[test]
fn printing() {
    for (input, printed) in [
        ("evt.type=open", "evt.type = open"),
        (
            "evt.name exists and evt.type in (a, b) or proc.name=cat",
            "((evt.name exists and evt.type in (a, b)) or proc.name = cat)",
        ),
        (
            "not proc.name in (a,'b c')",
            "not proc.name in (a, \"b c\")",
        ),
        ("a.b = 'x \"y\"'", "a.b = \"x \\\"y\\\"\""),
        ("a.b = ''", "a.b = \"\""),
        ("a.b = \"\\x00\"", "a.b = \"\\x00\""),
        ("a.b == oneof (x, y)", "a.b == oneof (x, y)"),
        ("a.b in mylist", "a.b in mylist"),
        (
            "getopt(proc.args, \"nt:\")[t] = value",
            "getopt(proc.args,\"nt:\")[t] = value",
        ),
        (
            "evt.arg[\"key with space\"] = value",
            "evt.arg[\"key with space\"] = value",
        ),
        ("a.b = val(c.d)", "a.b = val(c.d)"),
        (
            "join('-', (a.b, 'x', 12)) = y",
            "join(\"-\",(a.b,\"x\",12)) = y",
        ),
        ("not (not a)", "not (not a)"),
        ("(not) and a", "((not) and a)"),
        ("a.b > -0.12e+10", "a.b > -0.12e+10"),
    ] {
        let e = parse_ok(input);
        assert_eq!(e.to_string(), printed, "{input}");
        assert_eq!(parse_ok(printed), e, "{printed}");
    }
}

#[test]
fn printed_text_parses_back_for_random_inputs() {
    // A fixed-seed generator of condition-like text (the cargo-fuzz target `filter_parse`
    // checks the same property on arbitrary input).
    const PIECES: &[&str] = &[
        "a.b",
        "evt.type",
        "x",
        "not",
        "not ",
        "and",
        " and ",
        "or",
        " or ",
        "(",
        ")",
        " ",
        "=",
        "==",
        "!=",
        "<",
        ">=",
        "in",
        " in ",
        "exists",
        "contains ",
        "glob ",
        "'q'",
        "\"s\\\"t\"",
        "'\\x41'",
        "1",
        "-2.5e+3",
        "0x1f",
        ",",
        "val(",
        "tolower(",
        "join(",
        "[",
        "]",
        "oneof ",
        "anyof ",
        "\\",
        "\n",
        "*",
        "/p/a",
        "mylist",
        "pmatch ",
        "\"\"",
        "'a b'",
        "[0]",
        "len(",
        "\t",
    ];
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut parsed = 0;
    for _ in 0..20_000 {
        let n = 1 + next() % 12;
        let text: String = (0..n)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        if let Ok(e) = parse(&text) {
            parsed += 1;
            let printed = e.to_string();
            let again = parse(&printed)
                .unwrap_or_else(|err| panic!("{text:?} printed as {printed:?}: {err}"));
            assert_eq!(again, e, "{text:?} printed as {printed:?}");
        }
    }
    assert!(parsed > 500, "only {parsed} inputs parsed");
}

// ---- 12-14: escapes and NUL bytes ----

#[test]
fn item12_quote_escapes() {
    let value = |s: &str| match parse_ok(s) {
        Expr::Compare {
            rhs: Rhs::Value { value, .. },
            ..
        } => value,
        e => panic!("{e:?}"),
    };
    assert_eq!(
        value(r"c.singlequote = 'hello \'quoted\''"),
        b"hello 'quoted'"
    );
    assert_eq!(
        value(r#"c.doublequote = "hello \"quoted\"""#),
        b"hello \"quoted\""
    );
    assert_eq!(
        value(r#"c.singlequote = "hello 'quoted'""#),
        b"hello 'quoted'"
    );
    assert_eq!(
        value(r#"c.doublequote = 'hello "quoted"'"#),
        b"hello \"quoted\""
    );
    reject(r#"test.str = 'mixed \"'"#);
    reject(r#"test.str = "mixed \'""#);
    reject_msg(
        r#"test.str = 'mixed \"'"#,
        "invalid \\\" escape in '-quoted string",
    );
    // A quote after a backslash never ends a string, even after an escaped backslash.
    assert_eq!(
        value(r"test.str = 'multiple escape single quote \' \\''"),
        br"multiple escape single quote ' \'"
    );
    assert_eq!(value(r#"test.str = "bad escape \ ""#), br"bad escape \");
    for s in [
        "test.str = '",
        "test.str = \"",
        "test.str = '\"",
        "test.str = 'missing end quote",
        "test.str = \"broken escape double quote\"\"",
    ] {
        reject(s);
    }
    accept("test.str = \"\"");
    accept("test.str = 'mixed \"'");
}

#[test]
fn item13_hex_escapes() {
    let value = |s: &str| match parse_ok(s) {
        Expr::Compare {
            rhs: Rhs::Value { value, .. },
            ..
        } => value,
        e => panic!("{e:?}"),
    };
    assert_eq!(value(r#"a.b = "\x41""#), b"A");
    assert_eq!(value(r#"a.b = "\x413""#), b"A3");
    reject_msg(r#"a.b = "\x""#, "truncated hex char escape sequence");
    reject_msg(r#"a.b = "\xf""#, "truncated hex char escape sequence");
    reject_msg(r#"a.b = "\xgg""#, "invalid hex char escape sequence: gg");
    reject_msg(r#"a.b = "\x-1""#, "invalid hex char escape sequence: -1");
    reject_msg(r#"a.b = "\q""#, "unsupported string escape sequence: \\q");
}

#[test]
fn item14_nul_bytes() {
    let nul = "filter error: filter value cannot contain a NUL byte (\\x00)";
    assert_eq!(compile_err(r#"evt.dir = "\x00""#), nul);
    for op in [
        "contains",
        "icontains",
        "startswith",
        "endswith",
        "glob",
        "regex",
    ] {
        assert_eq!(compile_err(&format!(r#"evt.dir {op} "\x00""#)), nul, "{op}");
    }
    assert_eq!(compile_err(r#"evt.dir pmatch ("\x00")"#), nul);
    assert_eq!(compile_err(r#"evt.dir in ("a", "\x00")"#), nul);
    // Buffers take NULs (evt.rawarg.data stands for evt.buffer: both BYTEBUF).
    compiles(r#"evt.rawarg.data = "\x00""#);
    let mut ev = write_x(b"a\0b");
    t(&mut ev, r#"evt.rawarg.data = "a\x00b""#);
    f(&mut ev, r#"evt.rawarg.data = "ab""#);
    t(&mut ev, "evt.rawarg.data bcontains 610062");
    f(&mut ev, "evt.rawarg.data bcontains 610162");
    t(&mut ev, "evt.rawarg.data bstartswith 6100");
    f(&mut ev, "evt.rawarg.data bstartswith 6101");
    // Not hex: an error, even for NUL.
    assert_eq!(
        compile_err(r#"evt.rawarg.data bcontains "\x00""#),
        "filter error: bcontains and bstartswith operator support hex strings only"
    );
}

// ---- 15-22: operators and types ----

#[test]
fn item15_operator_type_table() {
    // ABSTIME (evt.rawtime), UINT64 (evt.num), INT16 (evt.cpu), INT64 (thread.tid).
    for fld in ["evt.rawtime", "evt.num", "evt.cpu", "thread.tid"] {
        for op in ["=", "!=", "<", "<=", ">", ">="] {
            compiles(&format!("{fld} {op} 1"));
        }
        compiles(&format!("{fld} exists"));
        compiles(&format!("{fld} in (1)"));
        compiles(&format!("{fld} intersects (1)"));
        for op in [
            "contains",
            "icontains",
            "startswith",
            "endswith",
            "glob",
            "iglob",
            "regex",
        ] {
            assert_eq!(
                compile_err(&format!("{fld} {op} 1")),
                format!("filter error: '{op}' operator not supported for numeric filters")
            );
        }
        assert_eq!(
            compile_err(&format!("{fld} pmatch (1)")),
            "filter error: 'pmatch' operator not supported for numeric filters"
        );
        assert_eq!(
            compile_err(&format!("{fld} bcontains 303000")),
            "filter error: 'bcontains' operator not supported for numeric filters"
        );
    }
    // Strings take everything but the byte operators.
    for s in [
        "evt.dir = true",
        "evt.dir < 1",
        "evt.dir contains true",
        "evt.dir in (true)",
        "evt.dir glob true",
        "evt.dir iglob true",
        "evt.dir pmatch (true)",
        "evt.dir regex '/home/.*/dev'",
        "evt.dir icontains x",
    ] {
        compiles(s);
    }
    assert_eq!(
        compile_err("evt.type bcontains 303000"),
        "filter error: 'bcontains' operator not supported for string filters"
    );
    // Buffers (evt.rawarg.data for evt.buffer).
    for s in [
        "evt.rawarg.data = test",
        "evt.rawarg.data contains test",
        "evt.rawarg.data in (test)",
        "evt.rawarg.data startswith test",
        "evt.rawarg.data endswith test",
        "evt.rawarg.data bcontains 303000",
    ] {
        compiles(s);
    }
    for op in ["icontains", "glob", "iglob", "regex", "<"] {
        assert_eq!(
            compile_err(&format!("evt.rawarg.data {op} 1")),
            format!("filter error: '{op}' operator not supported for buffer filters")
        );
    }
    // DOUBLE reads integers only: waits for thread.cpu (`thread.cpu = 1.0` fails); BOOL
    // operators wait for evt.is_io (`evt.is_io < true` fails, `in (true)` compiles), as
    // the tables of `compare::check_comparable` test.
}

#[test]
fn item16_bcontains() {
    let mut ev = write_x(b"hello");
    t(&mut ev, "evt.rawarg.data bcontains 68656c6c6f");
    t(&mut ev, "evt.rawarg.data bcontains 656c6C");
    f(&mut ev, "evt.rawarg.data bcontains 20");
    f(&mut ev, "evt.rawarg.data bcontains 656c6cAA");
    t(&mut ev, "evt.rawarg.data bstartswith 68");
    t(&mut ev, "evt.rawarg.data bstartswith 68656c6c6f");
    f(&mut ev, "evt.rawarg.data bstartswith 656c6C");
    f(&mut ev, "evt.rawarg.data bstartswith 65");
    let hex_only = "filter error: bcontains and bstartswith operator support hex strings only";
    assert_eq!(compile_err("evt.rawarg.data bcontains 2"), hex_only);
    assert_eq!(compile_err("evt.rawarg.data bcontains 2g"), hex_only);
    assert_eq!(compile_err("evt.rawarg.data bstartswith abc_1"), hex_only);
    // Plain string operators on buffers.
    t(&mut ev, "evt.rawarg.data contains ell");
    t(&mut ev, "evt.rawarg.data startswith hel");
    t(&mut ev, "evt.rawarg.data endswith llo");
    t(&mut ev, "evt.rawarg.data = hello");
    t(&mut ev, "evt.rawarg.data in (x, hello)");
}

#[test]
fn item17_contains_icontains() {
    let mut ev = getcwd_x(0, "/opt/dir/SUBDIR/file.txt");
    t(&mut ev, "evt.rawarg.path icontains /subdir");
    f(&mut ev, "evt.rawarg.path contains /subdir");
    t(&mut ev, "evt.rawarg.path contains /SUBDIR");
    t(&mut ev, "evt.rawarg.path icontains ''");
    t(
        &mut ev,
        "evt.rawarg.path icontains /OPT/DIR/subdir/FILE.TXT",
    );
    f(
        &mut ev,
        "evt.rawarg.path icontains /OPT/DIR/subdir/FILE.TXT/",
    );
    // `evt.arg.flags contains O_CREAT` (flags as text) waits for evt.arg.
}

#[test]
fn item18_pmatch() {
    let mut ev = getcwd_x(0, "/opt/dir/subdir/file.txt");
    for (list, expect) in [
        ("(/opt/dir)", true),
        ("(/opt/dir/subdir)", true),
        ("(/opt/dir2)", false),
        ("(/opt/dir, /opt/dir2)", true),
        ("(/opt/*)", true),
        ("(/opt/*/subdir)", true),
        ("(/opt/di?/subdir)", true),
        ("(/opt/di[!r]/subdir)", false),
        ("(/opt/di/subdir)", false),
        ("(/opt/*/*/subsubdir)", false),
        ("(/opt/*/*)", true),
        ("()", false),
    ] {
        assert_eq!(
            ev.eval(&format!("evt.rawarg.path pmatch {list}")),
            expect,
            "{list}"
        );
    }
}

// 19, 20: addresses and networks wait for fd.ip/fd.sip/fd.rip/fd.net (and a state with
// sockets); the comparisons they rely on are tested in `compare::tests::networks`, and the
// either-endpoint semantics in `endpoint_and_ancestor_semantics` below.

#[test]
fn item21_numeric_widths() {
    let mut ev = close_x(-22, -1);
    t(&mut ev, "evt.rawarg.res < 0");
    f(&mut ev, "evt.rawarg.res > 0");
    f(&mut ev, "evt.rawarg.res > 4294967295");
    t(&mut ev, "evt.rawarg.res < -1");
    t(&mut ev, "evt.rawarg.res > -65535");
    t(&mut ev, "evt.rawarg.fd < 0"); // fd.num < 0 for fd -1 waits for fd.num
    f(&mut ev, "evt.rawarg.fd >= 0");
    // evt.cpu is INT16 (the event is on CPU 1).
    t(&mut ev, "evt.cpu > -500");
    t(&mut ev, "evt.cpu < 300");
    f(&mut ev, "evt.cpu > 300");
    t(&mut ev, "evt.cpu < 2");
    t(&mut ev, "evt.cpu <= 1025");
    // 65537 read as INT16 is 1.
    t(&mut ev, "evt.cpu = 65537");
    t(&mut ev, "evt.num = 211");
    t(&mut ev, "evt.num in (1, 211)");
    f(&mut ev, "evt.num in (1, 2)");
    t(&mut ev, "thread.tid = 17497");
    t(&mut ev, "evt.rawtime > 1534527348514632618");
    // -1 as UINT64 is the maximum.
    t(&mut ev, "evt.num < -1");
}

#[test]
fn item22_modifiers() {
    // evt.rawarg.path stands for proc.name.
    let mut ev = getcwd_x(0, "myexe");
    let name = "evt.rawarg.path";
    f(&mut ev, &format!("{name} == oneof (myexe, myexe)"));
    t(&mut ev, &format!("{name} == anyof (myexe, myexe)"));
    t(&mut ev, &format!("{name} == allof (myexe, myexe)"));
    t(&mut ev, &format!("{name} != allof (bash, sh)"));
    f(&mut ev, &format!("{name} != allof (bash, myexe)"));
    t(&mut ev, &format!("{name} contains allof (my, exe)"));
    f(&mut ev, &format!("{name} contains oneof (my, exe)"));
    t(&mut ev, &format!("{name} contains oneof (my, xx)"));
    f(&mut ev, &format!("{name} == oneof ()"));
    f(&mut ev, &format!("{name} == anyof ()"));
    t(&mut ev, &format!("{name} glob anyof (x*, m*)"));
    t(&mut ev, &format!("{name} regex allof ('m.*', '.*e')"));
    f(&mut ev, &format!("{name} regex oneof ('m.*', '.*e')"));
    t(&mut ev, &format!("{name} startswith anyof (/proc/, mye)"));
    t(&mut ev, &format!("not {name} == oneof (myexe, myexe)"));
    t(&mut ev, "evt.num == anyof (5, 211)");
    t(&mut ev, "evt.type == anyof (open, getcwd)");
}

#[test]
fn endpoint_and_ancestor_semantics() {
    // Item 23 (proc.aname = bash when any ancestor is bash; proc.aname in (good-exe) false
    // when only the process itself is) and items 19/20 (fd.ip either endpoint) wait for
    // proc.aname and fd.ip. The combination rules they use, on hand-made checks:
    let state = State::new();
    let mut b = EventBuilder::new();
    b.begin(1, 1, code::PPME_SYSCALL_CLOSE_X);
    let ev = b.event();
    let ctx = Ctx {
        ev: &ev,
        state: &state,
    };
    let values = |v: &[&str]| Extractor::List {
        items: v
            .iter()
            .map(|s| Extractor::Literal(s.as_bytes().to_vec()))
            .collect(),
        values: Default::default(),
    };
    let check = |v: &[&str], combine, op, lit: &str| {
        Node::Check(Box::new(Check {
            lhs: values(v),
            kind: Kind::Str,
            combine,
            matcher: Matcher::Scalar(Box::new(Scalar::new(
                op,
                Lit::Bytes(lit.as_bytes().to_vec()),
            ))),
        }))
    };
    // Ancestors sshd, bash, systemd: `= bash` holds, `= zsh` doesn't, `!= bash` holds (some
    // ancestor differs).
    assert!(check(
        &["sshd", "bash", "systemd"],
        Combine::Any,
        CmpOp::Eq,
        "bash"
    )
    .eval(&ctx));
    assert!(!check(&["sshd", "bash", "systemd"], Combine::Any, CmpOp::Eq, "zsh").eval(&ctx));
    assert!(check(
        &["sshd", "bash", "systemd"],
        Combine::Any,
        CmpOp::Ne,
        "bash"
    )
    .eval(&ctx));
    // Endpoints: `!=` holds only when neither endpoint is equal.
    assert!(!check(
        &["10.0.0.1", "10.0.0.2"],
        Combine::NoneEqual,
        CmpOp::Eq,
        "10.0.0.1"
    )
    .eval(&ctx));
    assert!(check(
        &["10.0.0.1", "10.0.0.2"],
        Combine::NoneEqual,
        CmpOp::Eq,
        "10.0.0.3"
    )
    .eval(&ctx));
}

#[test]
fn list_operands_in_and_intersects() {
    // getopt(...) gives a list: `in` is a subset test, `intersects` an overlap test, other
    // operators are refused as for fd.types.
    let mut ev = close_x(0, 3);
    let opts = r#"getopt(("-a", "-b", "x"), "ab")"#;
    t(&mut ev, &format!("{opts} in (a, b, c)"));
    f(&mut ev, &format!("{opts} in (a)"));
    t(&mut ev, &format!("{opts} intersects (a)"));
    f(&mut ev, &format!("{opts} intersects (c)"));
    t(&mut ev, &format!("{opts} exists"));
    assert_eq!(
        compile_err(&format!("{opts} contains a")),
        "filter error: 'contains' operator not supported list filters"
    );
    assert_eq!(
        compile_err(&format!("{opts} = a")),
        "filter error: '=' operator not supported list filters"
    );
    t(&mut ev, &format!("len({opts}) = 2"));
}

#[test]
fn item24_field_to_field() {
    let mut ev = close_x(0, 3);
    f(&mut ev, "evt.dir = evt.dir"); // the text "evt.dir"
                                     // ... which, for evt.type, is not even an event name.
    assert_eq!(
        compile_err("evt.type = evt.type"),
        "unknown event type evt.type"
    );
    t(&mut ev, "evt.type = val(evt.type)");
    t(&mut ev, "evt.type in val(evt.type)");
    t(&mut ev, "evt.num = val(evt.num)");
    f(&mut ev, "evt.num != val(evt.num)");
    t(&mut ev, "evt.num >= val(evt.num)");
    t(&mut ev, "tolower(evt.type) = tolower(evt.type)");
    t(&mut ev, "evt.type = tolower(evt.type)");
    f(&mut ev, "evt.type = toupper(evt.type)");
    assert_eq!(
        compile_err("evt.type = val(evt.num)"),
        "field 'evt.type' has type 'CHARBUF' while the right-hand side field 'evt.num' has \
         incompatible type 'UINT64'"
    );
    reject("val(evt.type) = val(evt.type)");
    assert_eq!(
        compile_err("evt.type regex val(evt.type)"),
        "operator 'REGEX' doesn't support right-hand side fields"
    );
    assert_eq!(
        compile_err("evt.type pmatch val(evt.type)"),
        "operator 'PMATCH' doesn't support right-hand side fields"
    );
    assert_eq!(
        compile_err("evt.rawarg.fd = val(evt.num)"),
        "field 'evt.rawarg' doesn't support right-hand side fields"
    );
    assert_eq!(
        compile_err("thread.tid = val(evt.rawarg.fd)"),
        "field 'evt.rawarg' can't be used as a right-hand side field"
    );
    assert_eq!(
        compile_err("evt.type = val(evt.type)[x]"),
        "filter error: transformer 'val' does not support field arguments"
    );
    // A right-hand side without a value makes the check false.
    f(&mut ev, "evt.type != b64(\"!!\")");
    f(&mut ev, "evt.type = b64(\"!!\")");
    t(&mut ev, "evt.type = b64(\"Y2xvc2U=\")");
    // `evt.args = val(evt.args)` waits for evt.args; `syscall.type = val(evt.is_wait)` for
    // both fields.
}

#[test]
fn item25_transformers() {
    let mut ev = close_x(0, 3);
    t(&mut ev, "tolower(toupper(evt.type)) = close");
    t(&mut ev, "toupper(\"close\") = CLOSE");
    t(&mut ev, "len(evt.dir) = 1");
    // evt.type constants must be event names, through transformers too (as libsinsp).
    assert_eq!(
        compile_err("toupper(evt.type) = CLOSE"),
        "unknown event type CLOSE"
    );
    assert_eq!(compile_err("len(evt.type) = 5"), "unknown event type 5");
    t(&mut ev, "basename(\"/tmp/file_to_run\") = file_to_run");
    t(&mut ev, "len(\"/tmp/file_to_run\") = 16");
    t(&mut ev, "b64(\"aGVsbG8=\") = hello");
    f(&mut ev, "b64(\"!!\") exists"); // invalid base64: no value
    t(&mut ev, "not b64(\"!!\") exists");
    t(&mut ev, r#"join("-", ("aaa","bbb")) = aaa-bbb"#);
    t(
        &mut ev,
        r#"join("-", (evt.type, evt.num, "x")) = close-211-x"#,
    );
    t(&mut ev, r#"join("-", ()) = """#);
    t(&mut ev, r#"concat("aaa", evt.type) = aaaclose"#);
    t(&mut ev, r#"concat(evt.type, "/", evt.dir) = "close/<""#);
    t(&mut ev, r#"toupper(join("-", ("a", "b"))) = A-B"#);
    t(&mut ev, r#"len(join("-", ("ab", "c"))) = 4"#);
    t(&mut ev, r#"getopt(("-nt", "val", "file"), "nt:")[t] = val"#);
    t(
        &mut ev,
        r#"getopt(("-n", "-tval", "file"), "nt:")[t] = val"#,
    );
    t(&mut ev, r#"getopt(("-n", "-t"), "nt:")[t] = """#);
    f(&mut ev, r#"getopt(("-n"), "nt:")[t] exists"#);
    t(
        &mut ev,
        r#"getopt(("-x", "-n", "--", "-t", "v"), "nt:") in ("?", n)"#,
    );
    t(&mut ev, r#"getopt(("--exec", "-t", "v"), "nt:") in (t, v)"#);
    assert_eq!(
        compile_err("toupper(evt.rawarg.res) = -1"),
        "field 'evt.rawarg' does not support transformers"
    );
    assert_eq!(
        compile_err("toupper(evt.num) = 1"),
        "can't add field transformer: type 'UINT64' is not supported by 'toupper' \
         transformer applied on field 'evt.num'"
    );
    assert_eq!(
        compile_err("b64(evt.rawtime) = 1"),
        "can't add field transformer: type 'ABSTIME' is not supported by 'b64' transformer \
         applied on field 'evt.rawtime'"
    );
    assert_eq!(
        compile_err("concat(\"aaa\") = x"),
        "concat() requires at least 2 arguments"
    );
    assert_eq!(
        compile_err("concat(\"a\", evt.num) = x"),
        "concat() arguments must be strings"
    );
    assert_eq!(
        compile_err("join(\"-\", \"a\") = x"),
        "join() second argument must be a list"
    );
    assert_eq!(
        compile_err("toupper(evt.type)[x] = foo"),
        "filter error: transformer 'toupper' does not support field arguments"
    );
    assert_eq!(
        compile_err(r#"getopt(("-a"), "a")[ab] = x"#),
        "getopt() field argument must be a single option character"
    );
    // len() of a string stops at its first NUL.
    t(&mut ev, r#"len("ab\x00cd") = 2"#);
}

#[test]
fn item26_warnings() {
    // evt.dir stands for evt.source, evt.num for evt.plugininfo.
    assert_eq!(warnings("evt.dir regex ^syscall$").len(), 1);
    assert!(warnings("evt.dir regex ^syscall$")[0]
        .starts_with("regex check with '^syscall$' may be optimized with simpler operators"));
    for p in [
        "syscall",
        ".*syscall",
        "syscall.*",
        ".+syscall.+",
        ".?syscall",
    ] {
        assert_eq!(warnings(&format!("evt.dir regex '{p}'")).len(), 1, "{p}");
    }
    for p in ["s.*l", "syscall.{1}", "syscal[l]?", "syscall\\\\.*"] {
        assert_eq!(
            warnings(&format!("evt.dir regex '{p}'")),
            Vec::<String>::new(),
            "{p}"
        );
    }
    assert_eq!(
        warnings("evt.dir = evt.num"),
        vec!["'evt.num' may be a valid field misused as a const string value"]
    );
    assert_eq!(
        warnings("evt.dir = 'tolower(evt.num)'"),
        vec!["'tolower(evt.num)' may be a valid field transformer misused as a const string value"]
    );
    assert!(warnings("evt.dir = unknown.field").is_empty());
    assert!(warnings("evt.dir = tolower").is_empty());
    assert!(warnings("evt.dir = tolower(evt.dir)").is_empty());
    assert!(warnings("evt.dir = 'tolow(evt.num)'").is_empty());
    // Regex errors.
    assert!(compile_err("evt.dir regex '('").starts_with("invalid regex pattern: "));
}

#[test]
fn item27_missing_values() {
    // getcwd's exit has no fd parameter: every check on evt.rawarg.fd is false.
    let mut ev = getcwd_x(0, "/tmp");
    for op in ["=", "!=", "<", ">="] {
        f(&mut ev, &format!("evt.rawarg.fd {op} 5"));
    }
    f(&mut ev, "evt.rawarg.fd exists");
    f(&mut ev, "evt.rawarg.fd in (1, 2)");
    t(&mut ev, "not evt.rawarg.fd != 5");
    t(&mut ev, "not evt.rawarg.fd exists");
    t(&mut ev, "evt.rawarg.path exists");
    // ... and not just unknown names: `evt.rawarg.name` exists for other events.
    f(&mut ev, "evt.rawarg.name != x");
    f(&mut ev, "evt.type != b64(\"!!\")");
    // `evt.arg.uid` rendering `<NA>` waits for evt.arg.
}

#[test]
fn strings_glob_and_compare() {
    let mut ev = getcwd_x(0, "/var/log/httpd.log");
    t(&mut ev, "evt.rawarg.path glob '*.log'");
    t(&mut ev, "evt.rawarg.path glob /var/*");
    f(&mut ev, "evt.rawarg.path glob '*.LOG'");
    t(&mut ev, "evt.rawarg.path iglob '*.LOG'");
    t(&mut ev, "evt.rawarg.path glob '/var/log/http?.log'");
    t(&mut ev, "evt.rawarg.path glob '/var/log/[gh]ttpd.log'");
    t(&mut ev, "evt.rawarg.path startswith /var/");
    t(&mut ev, "evt.rawarg.path endswith .log");
    t(&mut ev, "evt.rawarg.path in (/var/log/httpd.log, /x)");
    f(&mut ev, "evt.rawarg.path in (/var/log, /x)");
    t(&mut ev, "evt.rawarg.path intersects (/var/log/httpd.log)");
    // Ordering compares strings (after a numeric operator only a number can be written).
    t(&mut ev, "evt.rawarg.path < 1");
    f(&mut ev, "evt.rawarg.path >= 1");
    t(&mut ev, "evt.rawarg.path < 0xff");
    t(&mut ev, "evt.rawarg.path regex '/var/.*'");
    f(&mut ev, "evt.rawarg.path regex 'var/.*'"); // anchored at both ends
    f(&mut ev, "evt.rawarg.path regex '/var'");
    t(
        &mut ev,
        "evt.rawarg.path regex '/var/(log|tmp)/[a-z]+\\\\.log'",
    );
    // A backslash that is not an escape is an error in a quoted string; bare words keep it.
    t(&mut ev, r"evt.rawarg.path regex /var/log/[a-z]+\.log");
    t(&mut ev, "evt.rawarg.path contains log/");
    t(&mut ev, "evt.rawarg.path != /x");
    // Escapes in quoted values.
    let mut ev = getcwd_x(0, "a \"b\"\t'c'\\");
    t(&mut ev, r#"evt.rawarg.path = "a \"b\"\t'c'\x5c""#);
    // A quote right after an escaped backslash does not end the string (libsinsp's lexer
    // looks at the previous character only): write a final backslash as \x5c.
    reject(r#"evt.rawarg.path = "a\\""#);
    t(&mut ev, r#"evt.rawarg.path = 'a "b"\t\'c\'\x5c'"#);
}

#[test]
fn evt_type_dir_and_generic_names() {
    let mut ev = close_x(0, 3);
    t(&mut ev, "evt.type = close and evt.dir = '<'");
    t(&mut ev, "evt.type=close");
    t(&mut ev, "evt.type in (open, close)");
    f(&mut ev, "evt.type in ()");
    t(&mut ev, "evt.dir != >");
    t(
        &mut ev,
        "(evt.type = close or evt.type = open) and not evt.dir = >",
    );
    t(&mut ev, "evt.type = 'close'");
    t(&mut ev, "evt.type startswith close");
    f(&mut ev, "evt.type = getppid");
    assert_eq!(compile_err("evt.type glob c*"), "unknown event type c*");
    assert_eq!(
        compile_err("evt.type in (open, foo)"),
        "unknown event type foo"
    );
    compiles("evt.type in ()");
}

#[test]
fn unknown_fields_and_macros() {
    assert_eq!(
        compile_err("proc.nope = x"),
        "filter_check called with nonexistent field proc.nope"
    );
    assert_eq!(
        compile_err("evt.type = close and some_macro"),
        "filter error: unexpected identifier 'some_macro'"
    );
    assert_eq!(
        compile_err("evt.rawarg.nosuchparam = 1"),
        "unknown event argument nosuchparam"
    );
    assert!(compile_err("evt.num[1] = 1").contains("does not take an argument"));
}

#[test]
fn macro_and_list_substitution() {
    let mut e = parse_ok("open_read and not proc.name in (shells) and proc.name in shells");
    assert_eq!(e.macro_refs(), vec!["open_read"]);
    let body = parse_ok("evt.type = open and evt.dir = '<'");
    e.resolve_macros(&mut |name, _| -> Result<Option<Expr>, String> {
        Ok((name == "open_read").then(|| body.clone()))
    })
    .unwrap();
    e.resolve_lists(&mut |name| (name == "shells").then(|| vec![b"bash".to_vec(), b"sh".to_vec()]));
    assert_eq!(
        e.to_string(),
        "((evt.type = open and evt.dir = <) and not proc.name in (shells) and proc.name in \
         (bash, sh))"
    );
    let undefined = parse_ok("a and b").resolve_macros(&mut |name, _| {
        Err::<Option<Expr>, String>(format!("Undefined macro '{name}' used in filter."))
    });
    assert_eq!(
        undefined.unwrap_err(),
        "Undefined macro 'a' used in filter."
    );
}

// ---- event types (engine.md 2.8) ----

fn types(s: &str) -> EventTypeSet {
    event_types(&parse_ok(s)).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn names(set: &EventTypeSet) -> Vec<u16> {
    set.iter().collect()
}

#[test]
fn event_type_sets() {
    use code::*;
    let open = types("evt.type = open");
    assert!(open.contains(PPME_SYSCALL_OPEN_E) && open.contains(PPME_SYSCALL_OPEN_X));
    assert_eq!(open.len(), 2);
    // All versions of an event share its name.
    let execve = types("evt.type = execve");
    assert!(execve.len() > 2);
    assert!(execve
        .iter()
        .all(|c| falco_schema::EVENTS[c as usize].name == "execve"));
    assert_eq!(types("syscall.type = open"), open);
    assert_eq!(
        types("evt.type in (open, close)"),
        open.union(&types("evt.type = close"))
    );
    assert_eq!(
        types("evt.type = open and evt.type = close"),
        EventTypeSet::empty()
    );
    assert_eq!(types("evt.type != open"), open.complement());
    assert_eq!(types("not evt.type = open"), open.complement());
    assert_eq!(types("not evt.type != open"), open);
    assert_eq!(types("not not evt.type = open"), open);
    assert_eq!(
        types("not (evt.type = open and proc.name = x)"),
        EventTypeSet::all()
    );
    assert_eq!(
        types("not (evt.type = open or evt.type = close)"),
        open.union(&types("evt.type = close")).complement()
    );
    assert_eq!(types("evt.type = open and proc.name = x"), open);
    assert_eq!(
        types("evt.type = open or proc.name = x"),
        EventTypeSet::all()
    );
    assert_eq!(types("not proc.name = x"), EventTypeSet::all());
    assert_eq!(
        types("proc.name = x and not evt.type in (open)"),
        open.complement()
    );
    assert_eq!(types("evt.type exists"), EventTypeSet::all());
    assert_eq!(types("not evt.type exists"), EventTypeSet::empty());
    assert_eq!(types("some_macro"), EventTypeSet::all());
    assert_eq!(types("evt.type contains open"), EventTypeSet::all());
    assert_eq!(types("evt.type[1] = open"), EventTypeSet::all());
    // Syscalls without events of their own: the generic events.
    assert_eq!(
        names(&types("evt.type = getppid")),
        vec![PPME_GENERIC_E, PPME_GENERIC_X]
    );
    assert_eq!(types("evt.type = nosuchthing"), EventTypeSet::empty());
    // evt.num starts at 1.
    assert_eq!(types("evt.num = 0"), EventTypeSet::empty());
    assert_eq!(types("evt.num < 1"), EventTypeSet::empty());
    assert_eq!(types("evt.num in (0)"), EventTypeSet::empty());
    assert_eq!(types("not evt.num = 0"), EventTypeSet::all());
    assert_eq!(types("evt.num > 0 and evt.type = open"), open);
    assert_eq!(types("evt.num >= 1"), EventTypeSet::all());
    assert_eq!(types("evt.num = 5"), EventTypeSet::all());
    // Errors.
    assert_eq!(
        event_types(&parse_ok("evt.type = val(evt.dir)"))
            .unwrap_err()
            .message,
        "right-hand field comparisons on `evt.type`/`syscall.type` checks are not supported \
         by event code search"
    );
    assert_eq!(
        event_types(&parse_ok("tolower(evt.type) = open"))
            .unwrap_err()
            .message,
        "event code search does not support `evt.type` checks with transformers"
    );
    assert!(event_types(&parse_ok("tolower(evt.type) contains open")).is_ok());
    // The set covers exactly the table.
    assert_eq!(EventTypeSet::all().len(), falco_schema::EVENT_MAX);
    assert_eq!(EventTypeSet::all().complement(), EventTypeSet::empty());
}

#[test]
fn filters_compile_per_event_type_set_of_upstream_shape() {
    // The shape of a Falco rule condition after macro expansion.
    let s = "((evt.type = open or evt.type = openat) and evt.dir = '<' and evt.rawarg.fd >= 0) \
             and not (evt.rawarg.name in (/etc/profile, /etc/bashrc) or evt.rawarg.name \
             startswith /etc/zsh) and not (evt.type = open and evt.num in (1, 2, 3))";
    compiles(s);
    let set = types(s);
    assert!(set.contains(code::PPME_SYSCALL_OPENAT_X));
    assert!(!set.contains(code::PPME_SYSCALL_CLOSE_X));
}

/// Cases on `evt.*` fields being added to the field table as this is written: each runs
/// only when its fields exist.
#[test]
fn cases_on_newer_event_fields() {
    let have = |names: &[&str]| {
        names
            .iter()
            .all(|n| crate::fields::FieldRef::parse(n).is_ok())
    };
    if have(&["evt.is_io"]) {
        reject("evt.is_io < true"); // only numbers after `<`
        assert_eq!(
            compile_err("evt.is_io < 1"),
            "filter error: '<' operator not supported for numeric filters"
        );
        compiles("evt.is_io in (true)");
        compiles("evt.is_io = false");
        assert_eq!(
            compile_err("evt.is_io = 1"),
            "filter error: unrecognized boolean value 1"
        );
    }
    if have(&["evt.buffer"]) {
        assert!(compile_err("evt.buffer icontains x").contains("buffer filters"));
        assert!(compile_err("evt.buffer glob x").contains("buffer filters"));
        compiles(r#"evt.buffer = "\x00""#);
        let mut ev = write_x(b"hello");
        t(&mut ev, "evt.buffer bcontains 68656c6c6f");
        f(&mut ev, "evt.buffer bstartswith 656c6C");
    }
    if have(&["evt.args"]) {
        let mut ev = getcwd_x(-2, "/x");
        f(&mut ev, "evt.args = evt.args");
        t(&mut ev, "evt.args = val(evt.args)");
    }
    if have(&["syscall.type", "evt.is_wait"]) {
        assert!(compile_err("syscall.type = val(evt.is_wait)").contains("incompatible type"));
        let mut ev = getcwd_x(0, "/x");
        t(&mut ev, "tolower(toupper(syscall.type)) = getcwd");
        t(&mut ev, "toupper(syscall.type) = GETCWD");
    }
    if have(&["evt.source"]) {
        assert_eq!(warnings("evt.source regex ^syscall$").len(), 1);
        assert!(warnings("evt.source regex s.*l").is_empty());
    }
}
