//! Tables of numbers parsed from pasted or shipped text.
//!
//! The `csv` crate does the quoting and line ends; this module sniffs the delimiter (the one under
//! which every field parses as a number wins, never merely the one that splits), detects a header,
//! and reports every problem with its line, column and the offending text.

use std::fmt;

/// The most text that is parsed at once (10 MB).
pub const MAX_TEXT_BYTES: usize = 10_000_000;
/// The most data rows that are kept.
pub const MAX_ROWS: usize = 200_000;

/// A table of finite numbers with named columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column names, from the header or made up ("x", "y" or "column 3").
    pub names: Vec<String>,
    /// `columns[j][i]` is row i of column j.
    pub columns: Vec<Vec<f64>>,
}

impl Table {
    /// Number of data rows.
    pub fn n_rows(&self) -> usize {
        self.columns.first().map_or(0, Vec::len)
    }

    /// The column with this name.
    pub fn column(&self, name: &str) -> Option<&[f64]> {
        self.names
            .iter()
            .position(|n| n == name)
            .and_then(|j| self.columns.get(j))
            .map(Vec::as_slice)
    }
}

/// The field separator that was detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// A tab, as a spreadsheet copy gives.
    Tab,
    /// A comma.
    Comma,
    /// A semicolon.
    Semicolon,
    /// Runs of spaces or tabs.
    Whitespace,
}

impl Delimiter {
    /// A human name for the preview.
    pub fn label(self) -> &'static str {
        match self {
            Delimiter::Tab => "tab",
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Whitespace => "spaces",
        }
    }
}

/// One problem in the text, at a 1-based line and column (column 0: the whole line).
#[derive(Debug, Clone, PartialEq)]
pub struct ParseIssue {
    /// 1-based line in the pasted text.
    pub line: usize,
    /// 1-based column (field), or 0 when the problem is not in one field.
    pub column: usize,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl fmt::Display for ParseIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}", self.message),
            (line, 0) => write!(f, "line {line}: {}", self.message),
            (line, column) => write!(f, "line {line}, column {column}: {}", self.message),
        }
    }
}

/// A successfully parsed table and what was detected on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The numbers.
    pub table: Table,
    /// The separator used.
    pub delimiter: Delimiter,
    /// Whether the first row was taken as a header.
    pub header: bool,
    /// Things the user should know: dropped rows, skipped lines.
    pub warnings: Vec<String>,
}

/// A record and the 1-based line it starts on.
type Record = (usize, Vec<String>);

fn is_missing(field: &str) -> bool {
    matches!(field, "" | "NA" | "na" | "N/A" | "n/a" | "NaN" | "nan" | "-" | "?")
}

fn parse_number(field: &str) -> Option<f64> {
    let cleaned: String = field.chars().map(|c| if c == '\u{2212}' { '-' } else { c }).collect();
    cleaned.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The text of a field for a message: escaped and cut to 40 characters.
pub fn quote_field(field: &str) -> String {
    let escaped: String = field.escape_debug().collect();
    if escaped.chars().count() > 40 {
        format!("\"{}…\"", escaped.chars().take(40).collect::<String>())
    } else {
        format!("\"{escaped}\"")
    }
}

fn records_with(text: &str, delimiter: Delimiter) -> Vec<Record> {
    let byte = match delimiter {
        Delimiter::Tab => b'\t',
        Delimiter::Comma => b',',
        Delimiter::Semicolon => b';',
        Delimiter::Whitespace => {
            return text
                .lines()
                .enumerate()
                .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
                .map(|(i, line)| (i + 1, line.split_whitespace().map(str::to_string).collect()))
                .collect();
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(byte)
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    // A read error (invalid UTF-8 cannot happen from &str) ends the records.
    while let Ok(true) = reader.read_record(&mut record) {
        let line = record.position().map_or(0, |p| p.line() as usize);
        let mut fields: Vec<String> = record.iter().map(str::to_string).collect();
        // A trailing delimiter leaves an empty last field: drop it.
        if fields.len() > 1 && fields.last().is_some_and(String::is_empty) {
            fields.pop();
        }
        if !fields.iter().all(String::is_empty) {
            records.push((line, fields));
        }
    }
    records
}

/// How well a delimiter explains the text: rows of ≥ 2 fields that are all numbers.
fn score(records: &[Record]) -> (usize, usize) {
    let numeric = records
        .iter()
        .filter(|(_, f)| f.len() >= 2 && f.iter().all(|v| parse_number(v).is_some() || is_missing(v)))
        .count();
    let width = records.iter().skip(1).map(|(_, f)| f.len()).max().unwrap_or(0);
    (numeric, width)
}

/// Parses pasted text into a table of numbers, or lists every problem found.
pub fn parse_table(text: &str) -> Result<Parsed, Vec<ParseIssue>> {
    let fail = |line: usize, column: usize, message: String| Err(vec![ParseIssue { line, column, message }]);
    if text.len() > MAX_TEXT_BYTES {
        return fail(
            0,
            0,
            format!("the text is {} bytes; the limit is {MAX_TEXT_BYTES}", text.len()),
        );
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let candidates = [
        Delimiter::Tab,
        Delimiter::Semicolon,
        Delimiter::Comma,
        Delimiter::Whitespace,
    ];
    let mut best: Option<(Delimiter, Vec<Record>, (usize, usize))> = None;
    for delimiter in candidates {
        let records = records_with(text, delimiter);
        let s = score(&records);
        if best.as_ref().is_none_or(|(_, _, b)| s > *b) {
            best = Some((delimiter, records, s));
        }
    }
    let Some((delimiter, records, _)) = best else {
        return fail(0, 0, "no data rows: paste x and y columns".to_string());
    };
    let Some((_, first)) = records.first() else {
        return fail(0, 0, "no data rows: paste x and y columns".to_string());
    };
    let header = first.iter().any(|f| parse_number(f).is_none() && !is_missing(f));
    let width = if header {
        first.len()
    } else {
        records.iter().map(|(_, f)| f.len()).max().unwrap_or(0)
    };
    if width < 2 {
        return fail(
            records.first().map_or(0, |r| r.0),
            0,
            "only one column: paste x and y columns".to_string(),
        );
    }
    let names: Vec<String> = if header {
        first.clone()
    } else if width == 2 {
        vec!["x".to_string(), "y".to_string()]
    } else {
        (1..=width).map(|j| format!("column {j}")).collect()
    };
    let body = if header {
        records.get(1..).unwrap_or(&[])
    } else {
        &records[..]
    };
    if body.len() > MAX_ROWS {
        return fail(0, 0, format!("{} rows; the limit is {MAX_ROWS}", body.len()));
    }
    let mut issues = Vec::new();
    let mut columns = vec![Vec::with_capacity(body.len()); width];
    let mut dropped = Vec::new();
    for (line, fields) in body {
        if fields.len() != width {
            issues.push(ParseIssue {
                line: *line,
                column: 0,
                message: format!(
                    "{} fields where the {} has {width}",
                    fields.len(),
                    if header { "header" } else { "first row" }
                ),
            });
            continue;
        }
        if fields.iter().any(|f| is_missing(f)) {
            dropped.push(*line);
            continue;
        }
        let mut row = Vec::with_capacity(width);
        for (j, field) in fields.iter().enumerate() {
            match parse_number(field) {
                Some(v) => row.push(v),
                None => issues.push(ParseIssue {
                    line: *line,
                    column: j + 1,
                    message: format!("{} is not a finite number", quote_field(field)),
                }),
            }
        }
        if row.len() == width {
            for (column, v) in columns.iter_mut().zip(row) {
                column.push(v);
            }
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    let table = Table { names, columns };
    if table.n_rows() == 0 {
        return fail(0, 0, "no data rows: paste x and y columns".to_string());
    }
    let mut warnings = Vec::new();
    if !dropped.is_empty() {
        let lines: Vec<String> = dropped.iter().map(usize::to_string).collect();
        warnings.push(format!(
            "dropped {} row(s) with missing values, on line(s) {}",
            dropped.len(),
            lines.join(", ")
        ));
    }
    Ok(Parsed {
        table,
        delimiter,
        header,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Parsed {
        parse_table(text).unwrap()
    }

    #[test]
    fn comma_with_header() {
        let p = ok("x,y\n1,2\n3,4.5\n");
        assert_eq!(p.table.names, vec!["x", "y"]);
        assert_eq!(p.table.columns, vec![vec![1.0, 3.0], vec![2.0, 4.5]]);
        assert!(p.header);
        assert_eq!(p.delimiter, Delimiter::Comma);
    }

    #[test]
    fn tab_crlf_without_header() {
        let p = ok("1\t2\r\n3\t4\r\n");
        assert_eq!(p.delimiter, Delimiter::Tab);
        assert!(!p.header);
        assert_eq!(p.table.names, vec!["x", "y"]);
    }

    #[test]
    fn whitespace_runs() {
        let p = ok("  1   2\n3 4\n");
        assert_eq!(p.delimiter, Delimiter::Whitespace);
        assert_eq!(p.table.columns[1], vec![2.0, 4.0]);
    }

    #[test]
    fn text_in_a_number_column_names_line_and_column() {
        let e = parse_table("x,y\n1,2\n3,abc\n").unwrap_err();
        assert_eq!((e[0].line, e[0].column), (3, 2));
        assert!(e[0].message.contains("\"abc\""));
    }

    #[test]
    fn infinity_is_rejected() {
        let e = parse_table("x,y\n1,inf\n").unwrap_err();
        assert_eq!((e[0].line, e[0].column), (2, 2));
        assert!(parse_table("x,y\n1,1e309\n").is_err());
    }

    #[test]
    fn missing_values_drop_the_row_with_a_warning() {
        let p = ok("x,y\n1,2\n2,NA\n3,4\n");
        assert_eq!(p.table.n_rows(), 2);
        assert!(p.warnings[0].contains("line(s) 3"));
    }

    #[test]
    fn one_column_and_empty_text_are_errors() {
        assert!(parse_table("1\n2\n3\n").unwrap_err()[0].message.contains("x and y"));
        assert!(parse_table("").is_err());
        assert!(parse_table("x,y\n").is_err());
    }

    #[test]
    fn bom_and_comments_are_skipped() {
        let p = ok("\u{feff}x,y\n# a comment\n1,2\n");
        assert_eq!(p.table.names, vec!["x", "y"]);
        assert_eq!(p.table.n_rows(), 1);
    }
}
