//! Tables of numbers parsed from pasted or shipped text.
//!
//! The `csv` crate does the quoting and the line ends. This module sniffs what it cannot know: the
//! delimiter and the decimal mark (the pair under which the most rows are all numbers wins, never
//! the one that merely splits), and the header. It normalizes a Unicode minus and non-breaking
//! spaces, drops rows with missing values (and says which), makes the header's names unique (and
//! says which it renamed), and reports every other problem with its line, its column, the offending
//! text (escaped, cut to 40 characters) and a hint.

use super::error::CoreError;
use std::fmt;

/// The most text that is parsed at once (10 MB).
pub const MAX_TEXT_BYTES: usize = 10_000_000;
/// The most data rows that are kept.
pub const MAX_ROWS: usize = 200_000;
/// Lines read to sniff the delimiter and the decimal mark.
const SNIFF_LINES: usize = 2_000;
/// The most problems listed; the rest are counted.
const MAX_ISSUES: usize = 50;

/// A table of finite numbers with named columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column names, from the header or made up ("x", "y" or "column 3"); a parsed table's are
    /// unique and non-empty (a repeated header name is numbered, "y (2)").
    pub names: Vec<String>,
    /// `columns[j][i]` is row i of column j.
    pub columns: Vec<Vec<f64>>,
}

impl Table {
    /// A table from names and its columns one after another; every value must be finite.
    pub fn from_column_major(names: Vec<String>, values: &[f64]) -> Result<Table, CoreError> {
        let width = names.len();
        if width == 0 || values.is_empty() || !values.len().is_multiple_of(width) {
            return Err(CoreError::LengthMismatch {
                what: "column names and values",
                left: width,
                right: values.len(),
            });
        }
        if let Some(index) = values.iter().position(|v| !v.is_finite()) {
            return Err(CoreError::NonFinite { what: "table", index });
        }
        let rows = values.len() / width;
        let columns = values.chunks(rows.max(1)).map(<[f64]>::to_vec).collect();
        Ok(Table { names, columns })
    }

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

    /// The table as plain CSV for re-reading (names quoted where needed, nothing else changed).
    pub fn to_plain_csv(&self) -> String {
        self.write_csv(false)
    }

    /// The table as CSV, with every cell that a spreadsheet would run as a formula (one that
    /// begins with = + - or @) quoted behind an apostrophe, OWASP's advice on CSV injection.
    pub fn to_csv(&self) -> String {
        self.write_csv(true)
    }

    fn write_csv(&self, defuse_formulas: bool) -> String {
        let mut out = self
            .names
            .iter()
            .map(|n| csv_cell(n, defuse_formulas))
            .collect::<Vec<_>>()
            .join(",");
        out.push('\n');
        for i in 0..self.n_rows() {
            let row: Vec<String> = self
                .columns
                .iter()
                .map(|c| c.get(i).map_or(String::new(), |v| format!("{v}")))
                .collect();
            out.push_str(&row.join(","));
            out.push('\n');
        }
        out
    }
}

/// A text cell for CSV: quoted where needed, and with `defuse_formulas`, a cell that a
/// spreadsheet would run as a formula (one that begins with = + - @, a tab or a CR) quoted behind
/// an apostrophe, OWASP's advice on CSV injection.
pub fn csv_cell(text: &str, defuse_formulas: bool) -> String {
    let risky = defuse_formulas && text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = if risky { format!("'{text}") } else { text.to_string() };
    if text.contains([',', '"', '\n', '\r']) || risky {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The field delimiter of pasted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// A tab, as a spreadsheet copy gives.
    Tab,
    /// A semicolon (European spreadsheets).
    Semicolon,
    /// A comma.
    Comma,
    /// Runs of spaces or tabs (textbooks, PDFs).
    Whitespace,
}

impl Delimiter {
    /// A human name for the preview, which is also the option's name.
    pub fn name(self) -> &'static str {
        match self {
            Delimiter::Tab => "tab",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Comma => "comma",
            Delimiter::Whitespace => "spaces",
        }
    }

    /// Parses an option name.
    pub fn from_name(name: &str) -> Option<Delimiter> {
        [
            Delimiter::Tab,
            Delimiter::Semicolon,
            Delimiter::Comma,
            Delimiter::Whitespace,
        ]
        .into_iter()
        .find(|d| d.name() == name)
    }
}

/// The decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    /// 1.5
    Point,
    /// 1,5
    Comma,
}

impl DecimalMark {
    /// 'point' or 'comma'.
    pub fn name(self) -> &'static str {
        match self {
            DecimalMark::Point => "point",
            DecimalMark::Comma => "comma",
        }
    }

    /// Parses an option name.
    pub fn from_name(name: &str) -> Option<DecimalMark> {
        match name {
            "point" => Some(DecimalMark::Point),
            "comma" => Some(DecimalMark::Comma),
            _ => None,
        }
    }
}

/// What the user fixed; `None` is sniffed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ParseOptions {
    /// The delimiter.
    pub delimiter: Option<Delimiter>,
    /// The decimal mark.
    pub decimal: Option<DecimalMark>,
    /// Whether the first row is a header.
    pub header: Option<bool>,
}

/// One problem in the text, at a 1-based line and column (column 0: the whole line).
#[derive(Debug, Clone, PartialEq)]
pub struct ParseIssue {
    /// 1-based line in the pasted text (0: the whole text).
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
    /// The decimal mark used.
    pub decimal: DecimalMark,
    /// Whether the first row was taken as a header.
    pub header: bool,
    /// Blank and comment (#) lines skipped.
    pub skipped_lines: usize,
    /// Lines of rows dropped for a missing value.
    pub dropped_lines: Vec<usize>,
    /// Things the user should know: dropped rows, skipped lines, renamed header names.
    pub warnings: Vec<String>,
}

/// A record and the 1-based line it starts on.
type Record = (usize, Vec<String>);

/// A reading of the text: delimiter, decimal mark, its records and its score.
type Reading = (Delimiter, DecimalMark, Vec<Record>, (usize, usize, usize));

fn is_missing(field: &str) -> bool {
    matches!(
        field,
        "" | "NA" | "na" | "N/A" | "n/a" | "NaN" | "nan" | "-" | "?" | "." | "null" | "NULL"
    )
}

/// The field with its Unicode minus and its spaces (including non-breaking and thin ones) mended.
fn mend(field: &str) -> String {
    field
        .chars()
        .filter(|c| !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}' | ' '))
        .map(|c| if matches!(c, '\u{2212}' | '\u{2013}') { '-' } else { c })
        .collect()
}

/// Whether the field is a number with thousands separators: 1,234.5 (or 1.234,5 with a comma).
fn has_thousands(field: &str, decimal: DecimalMark) -> bool {
    let (group, point) = match decimal {
        DecimalMark::Point => (',', '.'),
        DecimalMark::Comma => ('.', ','),
    };
    let body = field.trim_start_matches(['-', '+']);
    let integer = body.split(point).next().unwrap_or("");
    let groups: Vec<&str> = integer.split(group).collect();
    groups.len() > 1
        && groups
            .first()
            .is_some_and(|g| (1..=3).contains(&g.len()) && g.chars().all(|c| c.is_ascii_digit()))
        && groups
            .iter()
            .skip(1)
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// The decimal mark of a number written with thousands separators (1,234.5: point; 1.234,5 or
/// 1.234: comma), or None when it has none.
fn thousands_mark(field: &str) -> Option<DecimalMark> {
    [DecimalMark::Point, DecimalMark::Comma]
        .into_iter()
        .find(|&mark| has_thousands(field, mark) && grouped_number(field, mark))
}

/// Whether the field reads as a number once its group separators for `mark` are taken out.
fn grouped_number(field: &str, mark: DecimalMark) -> bool {
    let group = match mark {
        DecimalMark::Point => ',',
        DecimalMark::Comma => '.',
    };
    number(&field.replace(group, ""), mark).is_some()
}

/// A finite number, or None.
fn number(field: &str, decimal: DecimalMark) -> Option<f64> {
    // The common case, plain ASCII digits with a point: no copy.
    if decimal == DecimalMark::Point
        && field
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return field.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    let mended = mend(field);
    let text = match decimal {
        DecimalMark::Point => mended,
        DecimalMark::Comma if mended.contains('.') => return None,
        DecimalMark::Comma => mended.replace(',', "."),
    };
    // Rust also reads "inf" and "NaN": those are not data.
    if text.chars().any(|c| c.is_ascii_alphabetic() && !matches!(c, 'e' | 'E')) {
        return None;
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
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
                .split('\n')
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
        let fields: Vec<String> = record.iter().map(str::to_string).collect();
        if !fields.iter().all(String::is_empty) {
            records.push((line, fields));
        }
    }
    // A delimiter at the end of every line leaves an empty last column: drop it. An empty last
    // field on some lines only is a missing value.
    let trailing = |f: &Vec<String>| f.len() > 1 && f.last().is_some_and(String::is_empty);
    if !records.is_empty() && records.iter().all(|(_, f)| trailing(f)) {
        for (_, fields) in &mut records {
            fields.pop();
        }
    }
    records
}

/// The line where a quote opens and never closes, if any (RFC 4180 quoting: "" inside quotes).
fn unterminated_quote(text: &str) -> Option<usize> {
    let mut line = 1;
    let mut opened_at = None;
    // Quotes and line ends are ASCII, so bytes will do (UTF-8 never reuses them).
    let mut bytes = text.bytes().peekable();
    while let Some(c) = bytes.next() {
        match (c, opened_at) {
            (b'\n', _) => line += 1,
            (b'"', None) => opened_at = Some(line),
            (b'"', Some(_)) if bytes.peek() == Some(&b'"') => {
                bytes.next();
            }
            (b'"', Some(_)) => opened_at = None,
            _ => {}
        }
    }
    opened_at
}

/// How well a (delimiter, decimal mark) explains the text, compared in order: rows of the common
/// width (≥ 2) that are all numbers; those that are numbers or missing; rows of that width at all.
fn score(records: &[Record], decimal: DecimalMark) -> (usize, usize, usize) {
    let width = modal_width(records);
    if width < 2 {
        return (0, 0, 0);
    }
    let regular: Vec<&Vec<String>> = records.iter().map(|(_, f)| f).filter(|f| f.len() == width).collect();
    let numbers = regular
        .iter()
        .filter(|f| f.iter().all(|v| number(v, decimal).is_some()))
        .count();
    let complete = regular
        .iter()
        .filter(|f| f.iter().all(|v| number(v, decimal).is_some() || is_missing(v)))
        .count();
    (numbers, complete, regular.len())
}

/// The most common field count.
fn modal_width(records: &[Record]) -> usize {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for (_, fields) in records {
        match counts.iter_mut().find(|(w, _)| *w == fields.len()) {
            Some((_, n)) => *n += 1,
            None => counts.push((fields.len(), 1)),
        }
    }
    counts.into_iter().max_by_key(|&(w, n)| (n, w)).map_or(0, |(w, _)| w)
}

/// Parses pasted text, sniffing everything.
pub fn parse_table(text: &str) -> Result<Parsed, Vec<ParseIssue>> {
    parse_with(text, ParseOptions::default())
}

/// Parses pasted text into a table of numbers with these options, or lists every problem found.
pub fn parse_with(text: &str, options: ParseOptions) -> Result<Parsed, Vec<ParseIssue>> {
    let fail = |line: usize, column: usize, message: String| Err(vec![ParseIssue { line, column, message }]);
    if text.len() > MAX_TEXT_BYTES {
        return fail(
            0,
            0,
            format!(
                "the text is {} bytes; the limit is {MAX_TEXT_BYTES} (10 MB)",
                text.len()
            ),
        );
    }
    let lines = text.bytes().filter(|&b| b == b'\n' || b == b'\r').count();
    if lines > 2 * MAX_ROWS + 10_000 {
        return fail(
            0,
            0,
            format!("the text has about {lines} lines; the limit is {MAX_ROWS} rows"),
        );
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let skipped_lines = text
        .split('\n')
        .filter(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .count()
        .saturating_sub(
            // The empty string after a final newline is not a skipped line.
            usize::from(text.ends_with('\n')),
        );
    let delimiters: Vec<Delimiter> = match options.delimiter {
        Some(d) => vec![d],
        None => vec![
            Delimiter::Tab,
            Delimiter::Semicolon,
            Delimiter::Comma,
            Delimiter::Whitespace,
        ],
    };
    // Sniff on the first lines only; then read the whole text once, the chosen way.
    let sample_end = text
        .match_indices('\n')
        .nth(SNIFF_LINES)
        .map_or(text.len(), |(i, _)| i + 1);
    let sample = text.get(..sample_end).unwrap_or(&text);
    let mut best: Option<Reading> = None;
    for delimiter in delimiters {
        let records = records_with(sample, delimiter);
        let marks: Vec<DecimalMark> = match options.decimal {
            Some(mark) => vec![mark],
            None => vec![DecimalMark::Point, DecimalMark::Comma],
        };
        for decimal in marks {
            let s = score(&records, decimal);
            if best.as_ref().is_none_or(|b| s > b.3) {
                best = Some((delimiter, decimal, records.clone(), s));
            }
        }
    }
    let Some((delimiter, decimal, sampled, _)) = best else {
        return fail(
            0,
            0,
            "no data rows: paste two or more columns of numbers, x and y".to_string(),
        );
    };
    let records = if sample.len() == text.len() {
        sampled
    } else {
        records_with(&text, delimiter)
    };
    if delimiter != Delimiter::Whitespace {
        if let Some(line) = unterminated_quote(&text) {
            return fail(
                line,
                0,
                "a quote opens here and never closes: close it, or remove it".to_string(),
            );
        }
    }
    let Some((first_line, first)) = records.first() else {
        return fail(
            0,
            0,
            "no data rows: paste two or more columns of numbers, x and y".to_string(),
        );
    };
    let header = options
        .header
        .unwrap_or_else(|| first.iter().any(|f| number(f, decimal).is_none() && !is_missing(f)));
    let body = if header {
        records.get(1..).unwrap_or(&[])
    } else {
        &records[..]
    };
    let width = if header { first.len() } else { modal_width(body) };
    if width < 2 {
        return fail(
            *first_line,
            0,
            "only one column: paste x and y columns, side by side".to_string(),
        );
    }
    if body.is_empty() {
        return fail(0, 0, "no data rows below the header: paste the numbers too".to_string());
    }
    if body.len() > MAX_ROWS {
        return fail(0, 0, format!("{} rows; the limit is {MAX_ROWS}", body.len()));
    }
    let mut warnings = Vec::new();
    let names: Vec<String> = if header {
        let (names, renamed) = header_names(first);
        warnings.extend(renamed);
        names
    } else if width == 2 {
        vec!["x".to_string(), "y".to_string()]
    } else {
        (1..=width).map(|j| format!("column {j}")).collect()
    };
    let mut issues = Vec::new();
    // Fields with thousands separators (line, column, text): one issue says them all.
    let mut grouped: Vec<(usize, usize, &str)> = Vec::new();
    let mut ragged = Vec::new();
    let mut columns = vec![Vec::with_capacity(body.len()); width];
    let mut dropped_lines = Vec::new();
    for (line, fields) in body {
        if fields.len() != width {
            ragged.push(*line);
            continue;
        }
        if fields.iter().any(|f| is_missing(f)) {
            dropped_lines.push(*line);
            continue;
        }
        let mut row = Vec::with_capacity(width);
        for (j, field) in fields.iter().enumerate() {
            match number(field, decimal) {
                Some(v) => row.push(v),
                None if thousands_mark(&mend(field)).is_some() => grouped.push((*line, j + 1, field.as_str())),
                None if issues.len() < MAX_ISSUES => issues.push(ParseIssue {
                    line: *line,
                    column: j + 1,
                    message: describe(field, decimal),
                }),
                None => {}
            }
        }
        if row.len() == width {
            for (column, v) in columns.iter_mut().zip(row) {
                column.push(v);
            }
        }
    }
    if let Some(&(line, column, field)) = grouped.first() {
        let mut message = describe(field, decimal);
        let others: Vec<String> =
            grouped
                .iter()
                .skip(1)
                .map(|(l, _, _)| l.to_string())
                .fold(Vec::new(), |mut lines, l| {
                    if lines.last() != Some(&l) && l != line.to_string() {
                        lines.push(l);
                    }
                    lines
                });
        if let Some(count) = grouped.len().checked_sub(1).filter(|&c| c > 0) {
            let listed: Vec<&str> = others.iter().take(20).map(String::as_str).collect();
            let more = if others.len() > 20 {
                format!(" and {} more", others.len() - 20)
            } else {
                String::new()
            };
            let on = if listed.is_empty() {
                "on this line".to_string()
            } else {
                format!("on line(s) {}{more}", listed.join(", "))
            };
            message.push_str(&format!("; {count} more field(s) {on} have one too"));
        }
        let at = issues
            .iter()
            .position(|i: &ParseIssue| i.line > line)
            .unwrap_or(issues.len());
        issues.insert(at, ParseIssue { line, column, message });
    }
    if let Some(&line) = ragged.first() {
        let listed: Vec<String> = ragged.iter().take(20).map(usize::to_string).collect();
        let more = if ragged.len() > 20 {
            format!(" and {} more", ragged.len() - 20)
        } else {
            String::new()
        };
        let against = if header { "the header" } else { "most rows" };
        let mut message = format!(
            "{} row(s) do not have the {width} fields that {against} has: line(s) {}{more}",
            ragged.len(),
            listed.join(", ")
        );
        if delimiter == Delimiter::Comma {
            message.push_str(". A comma inside a number (1,234 or 1,5) splits it: use a point, or separate columns with tabs or semicolons");
        }
        issues.insert(
            0,
            ParseIssue {
                line,
                column: 0,
                message,
            },
        );
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    let table = Table { names, columns };
    if table.n_rows() == 0 {
        return fail(0, 0, "no complete data rows: every row has a missing value".to_string());
    }
    if !dropped_lines.is_empty() {
        let lines: Vec<String> = dropped_lines.iter().take(20).map(usize::to_string).collect();
        warnings.push(format!(
            "dropped {} row(s) with a missing value, on line(s) {}{}",
            dropped_lines.len(),
            lines.join(", "),
            if dropped_lines.len() > 20 { ", …" } else { "" }
        ));
    }
    if skipped_lines > 0 {
        warnings.push(format!("skipped {skipped_lines} blank or comment (#) line(s)"));
    }
    Ok(Parsed {
        table,
        delimiter,
        decimal,
        header,
        skipped_lines,
        dropped_lines,
        warnings,
    })
}

/// The name of the column that marks training rows (the app's `TRAIN_COLUMN`), which the app
/// finds whatever its case.
const TRAIN_NAME: &str = "train";
/// The most repeated header names (and blank header cells whose made-up name is taken) that get a
/// warning each; the rest are counted in one.
const MAX_RENAME_WARNINGS: usize = 10;
/// The most new names listed in one warning.
const MAX_RENAMES_LISTED: usize = 5;

/// A header name that repeats: its first spelling, how many repeats it has, and the names the
/// first few were given (quoted).
struct Repeat {
    first: String,
    count: usize,
    renamed: Vec<String>,
}

/// The column names of a header row, and a warning for each name that had to change.
///
/// Each cell is trimmed (also of non-breaking spaces); a blank one is called "column j". A name
/// that repeats an earlier one, or any train column after the first (the app finds it whatever its
/// case), is numbered "name (2)", "name (3)", … skipping every number already in use, so no column
/// hides behind another's name. Names as written come first: a blank cell or a repeat never takes
/// a name that a later cell has.
fn header_names(cells: &[String]) -> (Vec<String>, Vec<String>) {
    use std::collections::{HashMap, HashSet};
    let trimmed: Vec<&str> = cells.iter().map(|cell| cell.trim()).collect();
    let is_train = |name: &str| name.eq_ignore_ascii_case(TRAIN_NAME);
    // The names as written, each at its first cell; the first train column, whatever its case.
    let mut taken: HashSet<String> = HashSet::with_capacity(cells.len());
    let mut first_train: Option<&str> = None;
    let kept: Vec<bool> = trimmed
        .iter()
        .map(|&name| {
            if name.is_empty() || (is_train(name) && first_train.is_some()) {
                return false;
            }
            if is_train(name) {
                first_train = Some(name);
            }
            taken.insert(name.to_string())
        })
        .collect();
    // The next number to try for each repeated name (its key: the name, or "train").
    let mut next_number: HashMap<String, usize> = HashMap::new();
    let mut numbered = |base: &str, key: &str, taken: &mut HashSet<String>| -> String {
        let start = next_number.get(key).copied().unwrap_or(2);
        // At most `cells.len()` names are taken, so one of these `cells.len() + 1` numbers is free;
        // and since each key's numbers only go up, a taken name turns a number away at most once.
        let (number, name) = (start..=start + cells.len())
            .map(|number| (number, format!("{base} ({number})")))
            .find(|(_, name)| !taken.contains(name))
            .unwrap_or_else(|| (start, format!("{base} ({start})")));
        match next_number.get_mut(key) {
            Some(next) => *next = number + 1,
            None => {
                next_number.insert(key.to_string(), number + 1);
            }
        }
        taken.insert(name.clone());
        name
    };
    let mut names = Vec::with_capacity(cells.len());
    let mut repeats: Vec<Repeat> = Vec::new();
    let mut repeat_of: HashMap<String, usize> = HashMap::new();
    let mut blanks = Vec::new();
    let mut blanks_renamed = 0_usize;
    for (j, (&name, keep)) in trimmed.iter().zip(kept).enumerate() {
        if keep {
            names.push(name.to_string());
        } else if name.is_empty() {
            let made_up = format!("column {}", j + 1);
            if taken.insert(made_up.clone()) {
                names.push(made_up);
            } else {
                let new = numbered(&made_up, &made_up, &mut taken);
                if blanks.len() < MAX_RENAME_WARNINGS {
                    blanks.push(format!(
                        "header cell {} is blank and {} is taken; it is called {}",
                        j + 1,
                        quote_field(&made_up),
                        quote_name(&new, made_up.len())
                    ));
                }
                blanks_renamed += 1;
                names.push(new);
            }
        } else {
            let (key, first) = match first_train {
                Some(train) if is_train(name) => (TRAIN_NAME, train),
                _ => (name, name),
            };
            let new = numbered(name, key, &mut taken);
            let index = match repeat_of.get(key) {
                Some(&index) => index,
                None => {
                    repeats.push(Repeat {
                        first: first.to_string(),
                        renamed: Vec::new(),
                        count: 0,
                    });
                    repeat_of.insert(key.to_string(), repeats.len() - 1);
                    repeats.len() - 1
                }
            };
            if let Some(repeat) = repeats.get_mut(index) {
                if repeat.renamed.len() < MAX_RENAMES_LISTED {
                    repeat.renamed.push(quote_name(&new, name.len()));
                }
                repeat.count += 1;
            }
            names.push(new);
        }
    }
    let mut warnings: Vec<String> = repeats
        .iter()
        .take(MAX_RENAME_WARNINGS)
        .map(|repeat| {
            let any_case = if is_train(&repeat.first) { " (in any case)" } else { "" };
            let first = quote_field(&repeat.first);
            match (repeat.count, repeat.renamed.split_last()) {
                (1, Some((one, _))) => {
                    format!("the header names {first} twice{any_case}; the second is called {one}")
                }
                (count, Some((last, rest))) => {
                    let list = if count > repeat.renamed.len() {
                        format!("{}, {last} and {} more", rest.join(", "), count - repeat.renamed.len())
                    } else {
                        format!("{} and {last}", rest.join(", "))
                    };
                    format!(
                        "the header names {first} {} times{any_case}; the others are called {list}",
                        count + 1
                    )
                }
                (count, None) => format!("the header names {first} {} times{any_case}", count + 1),
            }
        })
        .collect();
    if repeats.len() > MAX_RENAME_WARNINGS {
        warnings.push(format!(
            "the header repeats {} more names; each repeat is numbered the same way",
            repeats.len() - MAX_RENAME_WARNINGS
        ));
    }
    warnings.extend(blanks);
    if blanks_renamed > MAX_RENAME_WARNINGS {
        warnings.push(format!(
            "{} more blank header cells are numbered the same way",
            blanks_renamed - MAX_RENAME_WARNINGS
        ));
    }
    (names, warnings)
}

/// A new name "base (k)" for a message: like [`quote_field`], but a long base is cut before the
/// number, so the number always shows.
fn quote_name(name: &str, base_len: usize) -> String {
    let (base, number) = name.split_at_checked(base_len).unwrap_or((name, ""));
    let quoted = quote_field(base);
    format!(
        "{}{}\"",
        quoted.strip_suffix('"').unwrap_or(&quoted),
        number.escape_debug()
    )
}

/// Why a field is not a number, with a hint.
fn describe(field: &str, decimal: DecimalMark) -> String {
    let shown = quote_field(field);
    let mended = mend(field);
    let lower = mended.to_ascii_lowercase();
    if let Some(mark) = thousands_mark(&mended) {
        // Whichever mark the rest of the text uses: 1.234,5 is a thousands point even where the
        // sniffer settled on decimal points (every field of that column fails either way).
        let (group, point) = match mark {
            DecimalMark::Point => (',', "."),
            DecimalMark::Comma => ('.', ","),
        };
        return format!(
            "{shown} has a thousands separator ({group:?}): write numbers without one, as {} with a decimal {}",
            mended.replace(group, ""),
            if point == "." { "point" } else { "comma" }
        );
    }
    if lower.contains("inf") || mended.parse::<f64>().is_ok_and(|v| !v.is_finite()) {
        return format!("{shown} is not a finite number: replace it, or delete the row");
    }
    if decimal == DecimalMark::Point && mended.replace(',', ".").parse::<f64>().is_ok() {
        return format!("{shown} has a decimal comma, but this text uses decimal points: use one mark throughout");
    }
    if decimal == DecimalMark::Comma && mended.contains('.') {
        return format!("{shown} has a decimal point, but this text uses decimal commas: use one mark throughout");
    }
    format!(
        "{shown} is not a number: a header belongs on the first line only, and a missing value can be left empty or NA"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators_are_recognized() {
        assert!(has_thousands("1,234.5", DecimalMark::Point));
        assert!(has_thousands("-12,345,678", DecimalMark::Point));
        assert!(has_thousands("1.234,5", DecimalMark::Comma));
        assert!(!has_thousands("1,5", DecimalMark::Point));
        assert!(!has_thousands("1234.5", DecimalMark::Point));
    }

    #[test]
    fn csv_export_defuses_formulas() {
        let t = Table {
            names: vec!["=cmd".into(), "y".into()],
            columns: vec![vec![-1.0], vec![2.0]],
        };
        assert_eq!(t.to_csv(), "\"'=cmd\",y\n-1,2\n");
    }

    #[test]
    fn a_renamed_name_shows_its_number_however_long_the_name() {
        assert_eq!(quote_name("y (2)", 1), "\"y (2)\"");
        let long = format!("{} (12)", "é".repeat(50));
        assert_eq!(quote_name(&long, 100), format!("\"{}… (12)\"", "é".repeat(40)));
        assert_eq!(quote_name("a\"b (2)", 3), "\"a\\\"b (2)\"");
    }

    #[test]
    fn an_unterminated_quote_names_its_line() {
        assert_eq!(unterminated_quote("a,b\n\"x,1\n2,3\n"), Some(2));
        assert_eq!(unterminated_quote("\"a \"\"q\"\"\",b\n1,2\n"), None);
    }
}
