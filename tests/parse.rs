//! The paste parser on named fixtures: what people paste from spreadsheets, textbooks and PDFs,
//! each with the values it must give, or the error it must give at its line and column.
#![cfg(not(target_arch = "wasm32"))]

use regularization_explorer::core::data::{parse_table, parse_with, DecimalMark, Delimiter, ParseOptions};

/// Parses `text` and checks the names, the rows, the delimiter and the decimal mark.
fn ok(name: &str, text: &str, names: &[&str], rows: &[&[f64]], delimiter: Delimiter, decimal: DecimalMark) {
    let parsed = parse_table(text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    assert_eq!(parsed.table.names, names, "{name}: names");
    assert_eq!(parsed.delimiter, delimiter, "{name}: delimiter");
    assert_eq!(parsed.decimal, decimal, "{name}: decimal mark");
    let got: Vec<Vec<f64>> = (0..parsed.table.n_rows())
        .map(|i| parsed.table.columns.iter().map(|c| c[i]).collect())
        .collect();
    let want: Vec<Vec<f64>> = rows.iter().map(|r| r.to_vec()).collect();
    assert_eq!(got, want, "{name}: values");
}

/// Parses `text` and checks that the first error is at (line, column) and mentions `words`.
fn err(name: &str, text: &str, line: usize, column: usize, words: &str) {
    let issues = parse_table(text)
        .err()
        .unwrap_or_else(|| panic!("{name}: parsed, but should fail"));
    let first = &issues[0];
    assert_eq!((first.line, first.column), (line, column), "{name}: {issues:?}");
    assert!(
        first.message.contains(words),
        "{name}: {:?} lacks {words:?}",
        first.message
    );
}

use DecimalMark::{Comma as DC, Point as DP};
use Delimiter::{Comma, Semicolon, Tab, Whitespace};

#[test]
fn delimiters() {
    ok(
        "comma with header",
        "x,y\n1,2\n3,4\n",
        &["x", "y"],
        &[&[1.0, 2.0], &[3.0, 4.0]],
        Comma,
        DP,
    );
    ok(
        "tab, spreadsheet copy",
        "x\ty\n1\t2\n3\t4\n",
        &["x", "y"],
        &[&[1.0, 2.0], &[3.0, 4.0]],
        Tab,
        DP,
    );
    ok(
        "semicolon",
        "x;y\n1;2\n3;4\n",
        &["x", "y"],
        &[&[1.0, 2.0], &[3.0, 4.0]],
        Semicolon,
        DP,
    );
    ok(
        "runs of spaces",
        "x   y\n 1   2\n3  4\n",
        &["x", "y"],
        &[&[1.0, 2.0], &[3.0, 4.0]],
        Whitespace,
        DP,
    );
    ok(
        "tabs and spaces mixed",
        "1 \t 2\n3\t\t4\n",
        &["x", "y"],
        &[&[1.0, 2.0], &[3.0, 4.0]],
        Whitespace,
        DP,
    );
    ok(
        "no header, two columns",
        "1,2\n3,4\n",
        &["x", "y"],
        &[&[1.0, 2.0], &[3.0, 4.0]],
        Comma,
        DP,
    );
    ok(
        "three columns without header",
        "1,2,3\n4,5,6\n",
        &["column 1", "column 2", "column 3"],
        &[&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0]],
        Comma,
        DP,
    );
    ok(
        "a comma in a header never decides",
        "a;b,c\n1;2\n3;4\n",
        &["a", "b,c"],
        &[&[1.0, 2.0], &[3.0, 4.0]],
        Semicolon,
        DP,
    );
}

#[test]
fn numbers() {
    ok(
        "European decimal comma",
        "x;y\n1,5;2,25\n3;4,75\n",
        &["x", "y"],
        &[&[1.5, 2.25], &[3.0, 4.75]],
        Semicolon,
        DC,
    );
    ok(
        "decimal comma with tabs",
        "1,5\t2\n3\t4,5\n",
        &["x", "y"],
        &[&[1.5, 2.0], &[3.0, 4.5]],
        Tab,
        DC,
    );
    ok(
        "scientific notation",
        "x,y\n1e-3,2.5E+2\n-3e0,4\n",
        &["x", "y"],
        &[&[1e-3, 250.0], &[-3.0, 4.0]],
        Comma,
        DP,
    );
    ok(
        "Unicode minus",
        "x,y\n\u{2212}1,2\n3,\u{2212}4.5\n",
        &["x", "y"],
        &[&[-1.0, 2.0], &[3.0, -4.5]],
        Comma,
        DP,
    );
    ok(
        "non-breaking spaces",
        "x;y\n1\u{a0}000;2\n3;4\u{202f}5\n",
        &["x", "y"],
        &[&[1000.0, 2.0], &[3.0, 45.0]],
        Semicolon,
        DP,
    );
    ok(
        "leading plus and point",
        "x,y\n+1,.5\n-.25,2.\n",
        &["x", "y"],
        &[&[1.0, 0.5], &[-0.25, 2.0]],
        Comma,
        DP,
    );
    ok(
        "integers",
        "x,y\n1,2\n10,20\n",
        &["x", "y"],
        &[&[1.0, 2.0], &[10.0, 20.0]],
        Comma,
        DP,
    );
    ok(
        "tiny and huge",
        "x,y\n1e-300,1e200\n2e-300,-1e200\n",
        &["x", "y"],
        &[&[1e-300, 1e200], &[2e-300, -1e200]],
        Comma,
        DP,
    );
}

#[test]
fn text_handling() {
    ok("BOM", "\u{feff}x,y\n1,2\n", &["x", "y"], &[&[1.0, 2.0]], Comma, DP);
    ok(
        "CRLF",
        "x,y\r\n1,2\r\n3,4\r\n",
        &["x", "y"],
        &[&[1.0, 2.0], &[3.0, 4.0]],
        Comma,
        DP,
    );
    ok(
        "old Mac CR",
        "x,y\r1,2\r3,4\r",
        &["x", "y"],
        &[&[1.0, 2.0], &[3.0, 4.0]],
        Comma,
        DP,
    );
    ok(
        "mixed line ends",
        "x,y\r\n1,2\n3,4\r5,6",
        &["x", "y"],
        &[&[1.0, 2.0], &[3.0, 4.0], &[5.0, 6.0]],
        Comma,
        DP,
    );
    ok(
        "quoted fields",
        "\"x\",\"y\"\n\"1\",\"2\"\n",
        &["x", "y"],
        &[&[1.0, 2.0]],
        Comma,
        DP,
    );
    ok(
        "quoted decimal comma",
        "x,y\n\"1,5\",2\n",
        &["x", "y"],
        &[&[1.5, 2.0]],
        Comma,
        DC,
    );
    ok(
        "blank lines skipped",
        "x,y\n\n1,2\n\n\n3,4\n",
        &["x", "y"],
        &[&[1.0, 2.0], &[3.0, 4.0]],
        Comma,
        DP,
    );
    ok(
        "comments skipped",
        "# from a textbook\nx,y\n1,2\n# note\n3,4\n",
        &["x", "y"],
        &[&[1.0, 2.0], &[3.0, 4.0]],
        Comma,
        DP,
    );
    ok(
        "trailing delimiter",
        "x,y,\n1,2,\n3,4,\n",
        &["x", "y"],
        &[&[1.0, 2.0], &[3.0, 4.0]],
        Comma,
        DP,
    );
    ok(
        "spaces around fields",
        "x , y\n 1 , 2 \n",
        &["x", "y"],
        &[&[1.0, 2.0]],
        Comma,
        DP,
    );
    ok("no final newline", "x,y\n1,2", &["x", "y"], &[&[1.0, 2.0]], Comma, DP);
    ok(
        "train column kept",
        "x,y,train\n1,2,1\n3,4,0\n",
        &["x", "y", "train"],
        &[&[1.0, 2.0, 1.0], &[3.0, 4.0, 0.0]],
        Comma,
        DP,
    );
    let parsed = parse_table("# header next\nx,y\n\n1,2\n").unwrap();
    assert_eq!(parsed.skipped_lines, 2);
    assert!(parsed.warnings.iter().any(|w| w.contains("skipped 2")));
}

#[test]
fn missing_values_drop_the_row_and_say_which() {
    for cell in ["", "NA", "NaN", "N/A", "-", "?"] {
        let text = format!("x,y\n1,2\n3,{cell}\n5,6\n");
        let parsed = parse_table(&text).unwrap_or_else(|e| panic!("{cell:?}: {e:?}"));
        assert_eq!(parsed.table.n_rows(), 2, "{cell:?}");
        assert_eq!(parsed.dropped_lines, vec![3], "{cell:?}");
        assert!(parsed.warnings[0].contains("line(s) 3"), "{cell:?}");
    }
}

#[test]
fn rejected_with_line_column_text_and_hint() {
    err("inf", "x,y\n1,2\n3,inf\n", 3, 2, "not a finite number");
    err("Infinity", "x,y\n1,Infinity\n", 2, 2, "not a finite number");
    err("1e309", "x,y\n1e309,2\n", 2, 1, "not a finite number");
    err(
        "text in a number column",
        "x,y\n1,2\nthree,4\n",
        3,
        1,
        "\"three\" is not a number",
    );
    err("thousands separator", "x\ty\n1,234.5\t2\n", 2, 1, "thousands separator");
    err(
        "European thousands",
        "x;y\n1.234,5;2\n3;4,5\n",
        2,
        1,
        "thousands separator",
    );
    err("ragged rows listed", "x,y\n1,2\n3,4,5\n6\n7,8\n", 3, 0, "line(s) 3, 4");
    err("unterminated quote", "x,y\n1,2\n\"3,4\n5,6\n", 3, 0, "never closes");
    err("one column", "x\n1\n2\n3\n", 1, 0, "only one column");
    err("no data rows", "x,y\n", 0, 0, "no data rows");
    err("empty text", "", 0, 0, "no data rows");
    err("only comments", "# nothing\n\n", 0, 0, "no data rows");
    err(
        "mixed decimal marks",
        "x;y\n1,5;2\n3.5;4\n",
        2,
        1,
        "use one mark throughout",
    );
    let long = format!("x,y\n1,{}\n", "a".repeat(100));
    let issues = parse_table(&long).unwrap_err();
    assert!(
        issues[0].message.contains('…') && issues[0].message.len() < 200,
        "cut to 40: {:?}",
        issues[0].message
    );
    let escaped = parse_table("x,y\n1,\"a\tb\"\n").unwrap_err();
    assert!(escaped[0].message.contains("\\t"), "escaped: {:?}", escaped[0].message);
}

#[test]
fn limits_are_checked_before_parsing() {
    let huge = "1,2\n".repeat(2_600_000);
    let issues = parse_table(&huge).unwrap_err();
    assert!(issues[0].message.contains("10 MB"), "{issues:?}");
    // Sniffing reads the first lines only; every row is still read.
    let long = format!("x,y\n{}", "1,2\n".repeat(5_000));
    assert_eq!(parse_table(&long).unwrap().table.n_rows(), 5_000);
    let many = "1,2\n".repeat(200_001);
    assert!(parse_table(&many).unwrap_err()[0].message.contains("200000"));
}

#[test]
fn options_override_the_sniffing() {
    let header_off = parse_with(
        "1,2\n3,4\n",
        ParseOptions {
            header: Some(false),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!header_off.header);
    let as_header = parse_with(
        "1,2\n3,4\n",
        ParseOptions {
            header: Some(true),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(as_header.table.names, vec!["1", "2"]);
    assert_eq!(as_header.table.n_rows(), 1);
    let forced = parse_with(
        "1;2\n3;4\n",
        ParseOptions {
            delimiter: Some(Whitespace),
            ..Default::default()
        },
    );
    assert!(forced.unwrap_err()[0].message.contains("only one column"));
    let point = parse_with(
        "x;y\n1,5;2\n",
        ParseOptions {
            decimal: Some(DP),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(point[0].message.contains("decimal comma"), "{point:?}");
}

/// Parses `text` and checks the column names, that each name finds its own column (column j holds
/// the value j + 1), and that the warnings about header names are exactly `warnings`.
fn named(name: &str, text: &str, names: &[&str], warnings: &[&str]) {
    let parsed = parse_table(text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    assert_eq!(parsed.table.names, names, "{name}: names");
    for (j, column) in names.iter().enumerate() {
        assert_eq!(
            parsed.table.column(column),
            Some(&[j as f64 + 1.0][..]),
            "{name}: {column:?} finds column {}",
            j + 1
        );
    }
    let about_header: Vec<&str> = parsed
        .warnings
        .iter()
        .map(String::as_str)
        .filter(|w| w.contains("header"))
        .collect();
    assert_eq!(about_header, warnings, "{name}: warnings");
}

/// Issue #13: a repeated header name hid a column (both menu entries said "y", and `column("y")`
/// found the first), and nothing said so.
#[test]
fn header_names_are_unique_and_say_what_was_renamed() {
    named("distinct names", "x,y,z\n1,2,3\n", &["x", "y", "z"], &[]);
    named(
        "duplicate",
        "x,y,y\n1,2,3\n",
        &["x", "y", "y (2)"],
        &["the header names \"y\" twice; the second is called \"y (2)\""],
    );
    named(
        "triplicate",
        "y,y,y\n1,2,3\n",
        &["y", "y (2)", "y (3)"],
        &["the header names \"y\" 3 times; the others are called \"y (2)\" and \"y (3)\""],
    );
    named(
        "two names repeated",
        "a,b,a,b\n1,2,3,4\n",
        &["a", "b", "a (2)", "b (2)"],
        &[
            "the header names \"a\" twice; the second is called \"a (2)\"",
            "the header names \"b\" twice; the second is called \"b (2)\"",
        ],
    );
    named(
        "a header that already has \"y (2)\"",
        "y,y,y (2)\n1,2,3\n",
        &["y", "y (3)", "y (2)"],
        &["the header names \"y\" twice; the second is called \"y (3)\""],
    );
    named(
        "\"y (2)\" before the repeat",
        "y (2),y,y\n1,2,3\n",
        &["y (2)", "y", "y (3)"],
        &["the header names \"y\" twice; the second is called \"y (3)\""],
    );
    named(
        "many repeats, listed up to five",
        "y,y,y,y,y,y,y,y\n1,2,3,4,5,6,7,8\n",
        &["y", "y (2)", "y (3)", "y (4)", "y (5)", "y (6)", "y (7)", "y (8)"],
        &["the header names \"y\" 8 times; the others are called \"y (2)\", \"y (3)\", \"y (4)\", \"y (5)\", \"y (6)\" and 2 more"],
    );
    named("blank cell", "x,,y\n1,2,3\n", &["x", "column 2", "y"], &[]);
    named("blank cells", ",,y\n1,2,3\n", &["column 1", "column 2", "y"], &[]);
    named(
        "blank cell whose made-up name is taken",
        "column 2,,y\n1,2,3\n",
        &["column 2", "column 2 (2)", "y"],
        &["header cell 2 is blank and \"column 2\" is taken; it is called \"column 2 (2)\""],
    );
    named(
        "blank cell whose made-up name comes later",
        ",column 1\n1,2\n",
        &["column 1 (2)", "column 1"],
        &["header cell 1 is blank and \"column 1\" is taken; it is called \"column 1 (2)\""],
    );
    named(
        "a non-breaking space is blank",
        "x;\u{a0};y\n1;2;3\n",
        &["x", "column 2", "y"],
        &[],
    );
    named(
        "names differing only by spaces",
        "x;y;y\u{a0}\n1;2;3\n",
        &["x", "y", "y (2)"],
        &["the header names \"y\" twice; the second is called \"y (2)\""],
    );
    // `Table::column` is case-sensitive, so names that differ in case are different columns...
    named("case differs", "x,y,Y\n1,2,3\n", &["x", "y", "Y"], &[]);
    // ...but the train column is found whatever its case, which hid every train column after the
    // first.
    let train = regularization_explorer::app::TRAIN_COLUMN;
    let upper = train.to_uppercase();
    named(
        "train columns in two cases",
        &format!("x,{train},{upper}\n1,2,3\n"),
        &["x", train, &format!("{upper} (2)")],
        &[&format!(
            "the header names {train:?} twice (in any case); the second is called \"{upper} (2)\""
        )],
    );
    named(
        "a long name keeps its number in the warning",
        &format!("{0},{0}\n1,2\n", "n".repeat(60)),
        &[&"n".repeat(60), &format!("{} (2)", "n".repeat(60))],
        &[&format!(
            "the header names \"{0}…\" twice; the second is called \"{0}… (2)\"",
            "n".repeat(40)
        )],
    );
}

/// A forced header of numbers is renamed too, and many repeats stay a few warnings.
#[test]
fn header_renaming_holds_for_forced_headers_and_wide_tables() {
    let forced = parse_with(
        "1,1\n3,4\n",
        ParseOptions {
            header: Some(true),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(forced.table.names, vec!["1", "1 (2)"]);
    let width = 1_000;
    let header = vec!["y"; width].join(",");
    let row = vec!["1"; width].join(",");
    let wide = parse_table(&format!("{header}\n{row}\n")).unwrap();
    let unique: std::collections::HashSet<&String> = wide.table.names.iter().collect();
    assert_eq!(unique.len(), width);
    assert_eq!(wide.table.names.last().map(String::as_str), Some("y (1000)"));
    assert_eq!(wide.warnings.iter().filter(|w| w.contains("header")).count(), 1);
    // Twelve blank cells whose made-up names are taken, and twelve names repeated: ten warnings
    // each, and a count of the rest.
    let taken: Vec<String> = (13..=24).map(|j| format!("column {j}")).collect();
    let repeated: Vec<String> = (1..=12).map(|j| format!("a{j}")).collect();
    let blank = vec![String::new(); 12];
    let header = [taken, blank, repeated.clone(), repeated].concat().join(",");
    let row = vec!["1"; 48].join(",");
    let warned = parse_table(&format!("{header}\n{row}\n")).unwrap();
    let unique: std::collections::HashSet<&String> = warned.table.names.iter().collect();
    assert_eq!(unique.len(), 48, "{:?}", warned.table.names);
    let about_header: Vec<&str> = warned
        .warnings
        .iter()
        .map(String::as_str)
        .filter(|w| w.contains("header"))
        .collect();
    assert_eq!(about_header.len(), 22, "{about_header:#?}");
    for expected in [
        "the header names \"a1\" twice; the second is called \"a1 (2)\"",
        "the header repeats 2 more names; each repeat is numbered the same way",
        "header cell 13 is blank and \"column 13\" is taken; it is called \"column 13 (2)\"",
        "2 more blank header cells are numbered the same way",
    ] {
        assert!(about_header.contains(&expected), "{expected:?} in {about_header:#?}");
    }
}

/// The renaming warning reaches the load report that the page shows.
#[test]
fn the_load_report_says_what_was_renamed() {
    let mut app = regularization_explorer::app::App::new().unwrap();
    let report = app.load_data("x,y,y\n1,2,3\n2,3,5\n3,5,4\n4,4,6\n", ParseOptions::default());
    assert!(report.ok, "{:?}", report.errors);
    assert_eq!(report.columns, vec!["x", "y", "y (2)"]);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w == "the header names \"y\" twice; the second is called \"y (2)\""),
        "{:?}",
        report.warnings
    );
    assert_eq!(app.table_names(), ["x", "y", "y (2)"]);
}

/// Thousands separators give one issue that names the first line, the number without them, and
/// the other lines, not a hint per field about headers (German `1.234,5` got four of those).
#[test]
fn thousands_separators_give_one_clear_message() {
    let cases: &[(&str, &str, usize, usize, &[&str])] = &[
        (
            "German, every row",
            "x;y\n1.234,5;2\n2.345,5;3\n3.456,5;4\n4.567,5;5\n",
            2,
            1,
            &[
                "thousands separator ('.')",
                "as 1234,5 with a decimal comma",
                "3 more field(s) on line(s) 3, 4, 5",
            ],
        ),
        (
            "German, one row",
            "x;y\n1;2\n2;3\n1.234,5;4\n",
            4,
            1,
            &["\"1.234,5\" has a thousands separator"],
        ),
        (
            "German, tabs",
            "x\ty\n1.234,5\t2\n2.345,5\t3\n",
            2,
            1,
            &["as 1234,5", "1 more field(s) on line(s) 3"],
        ),
        (
            "English",
            "x\ty\n1,234.5\t2\n5\t1,000.25\n",
            2,
            1,
            &["(',')", "as 1234.5 with a decimal point", "on line(s) 3"],
        ),
        (
            "two on one line",
            "x;y\n1.234,5;2.000,5\n",
            2,
            1,
            &["1 more field(s) on this line"],
        ),
    ];
    for (name, text, line, column, says) in cases {
        let issues = parse_table(text).expect_err(name);
        assert_eq!(issues.len(), 1, "{name}: {issues:?}");
        let issue = &issues[0];
        assert_eq!((issue.line, issue.column), (*line, *column), "{name}: {issue}");
        for part in *says {
            assert!(
                issue.message.contains(part),
                "{name}: {part:?} not in {}",
                issue.message
            );
        }
        assert!(!issue.message.contains("header"), "{name}: {}", issue.message);
    }
}
