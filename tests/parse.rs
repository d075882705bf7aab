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
