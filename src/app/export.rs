//! What leaves the explorer as data: the coefficients, the path and the data as formula-safe
//! CSV, and the table handed to another App or shown as a table.

use super::App;
use crate::core::data::csv_cell;

impl App {
    /// The current coefficients as formula-safe CSV: term, standardized w, raw-basis coefficient.
    pub fn coefficients_csv(&self) -> String {
        let result = self.result();
        let mut out = String::from("term,standardized,coefficient\n");
        out.push_str(&format!(
            "intercept,{},{}\n",
            result.intercept_standardized, result.intercept
        ));
        for ((name, w), b) in result
            .feature_names
            .iter()
            .zip(&result.standardized_coefficients)
            .zip(&result.coefficients)
        {
            out.push_str(&format!("{},{w},{b}\n", csv_cell(name, true)));
        }
        out
    }

    /// The path as formula-safe CSV: λ, df, nonzero count, train MSE, test MSE (empty without test
    /// rows), then each standardized coefficient. Only the header without a path (OLS).
    pub fn path_csv(&self) -> String {
        let names = &self.data.model.design().names;
        let mut out = String::from("lambda,df,nonzero,train_mse,test_mse");
        for name in names {
            out.push(',');
            out.push_str(&csv_cell(name, true));
        }
        out.push('\n');
        if let Some(path) = &self.analysis.path {
            for (k, lambda) in path.lambdas.iter().enumerate() {
                let number = |v: Option<&f64>| v.map_or(String::new(), |v| v.to_string());
                let mut row = vec![
                    lambda.to_string(),
                    number(path.df.get(k)),
                    path.nonzero.get(k).map_or(String::new(), usize::to_string),
                    number(path.train_mse.get(k)),
                    number(self.analysis.path_test_mse.get(k)),
                ];
                row.extend(
                    path.coefficients
                        .get(k)
                        .map(|w| w.iter().map(f64::to_string).collect::<Vec<_>>())
                        .unwrap_or_default(),
                );
                out.push_str(&row.join(","));
                out.push('\n');
            }
        }
        out
    }

    /// The data's columns, one after another (column-major), to hand the parsed table over.
    pub fn table_columns(&self) -> Vec<f64> {
        self.data.table.columns.concat()
    }

    /// The data's column names.
    pub fn table_names(&self) -> &[String] {
        &self.data.table.names
    }

    /// The first `limit` rows of the data, row by row, and how many rows there are in all.
    pub fn table_rows(&self, limit: usize) -> (Vec<Vec<f64>>, usize) {
        let table = &self.data.table;
        let rows = (0..table.n_rows().min(limit))
            .map(|i| {
                table
                    .columns
                    .iter()
                    .map(|c| c.get(i).copied().unwrap_or(f64::NAN))
                    .collect()
            })
            .collect();
        (rows, table.n_rows())
    }

    /// The data in use, every column, as formula-safe CSV.
    pub fn data_csv(&self) -> String {
        self.data.table.to_csv()
    }
}
