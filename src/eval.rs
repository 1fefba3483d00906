//! Relevance evaluation: how often the search puts an acceptable answer on
//! top, per query category.
//!
//! A query set is a tab-separated file with a header row
//! `catalog  category  query  acceptable  note`; `acceptable` lists service
//! ids separated by commas; lines starting with `#` are comments
//! (`tests/relevance/README.md` describes the public set).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::index::query::search::SearchOptions;
use crate::index::Index;

/// One judged query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JudgedQuery {
    /// Which catalog the query is meant for (e.g. `berlin`).
    pub catalog: String,
    /// Category, e.g. `typo` or `synonym`.
    pub category: String,
    /// What the citizen typed.
    pub query: String,
    /// Service ids that count as a correct answer.
    pub acceptable: Vec<String>,
    /// Line in the query file.
    pub line: usize,
}

/// Reads a query set. Errors name the file, line and column.
pub fn parse_queries(text: &str, file: &str) -> Result<Vec<JudgedQuery>> {
    let mut queries = Vec::new();
    let mut columns: Option<[usize; 4]> = None;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let Some([catalog, category, query, acceptable]) = columns else {
            let find = |name: &str| {
                cells
                    .iter()
                    .position(|c| c.eq_ignore_ascii_case(name))
                    .ok_or_else(|| Error::Syntax {
                        file: file.to_string(),
                        line: number,
                        column: 1,
                        message: format!(
                            "the header row has no column {name:?} (columns are separated by tabs)"
                        ),
                    })
            };
            columns = Some([
                find("catalog")?,
                find("category")?,
                find("query")?,
                find("acceptable")?,
            ]);
            continue;
        };
        let cell = |column: usize, name: &str| {
            cells
                .get(column)
                .copied()
                .filter(|c| !c.is_empty())
                .ok_or_else(|| Error::Record {
                    file: file.to_string(),
                    record: format!("query at line {number}"),
                    field: name.to_string(),
                    message: "missing".into(),
                })
        };
        queries.push(JudgedQuery {
            catalog: cell(catalog, "catalog")?.to_string(),
            category: cell(category, "category")?.to_string(),
            query: cell(query, "query")?.to_string(),
            acceptable: cell(acceptable, "acceptable")?
                .split(',')
                .map(|id| id.trim().to_string())
                .filter(|id| !id.is_empty())
                .collect(),
            line: number,
        });
    }
    Ok(queries)
}

/// Recall and reciprocal rank over a group of queries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Metrics {
    /// Number of queries.
    pub queries: usize,
    /// Share of queries with an acceptable answer first.
    pub recall_at_1: f64,
    /// Share of queries with an acceptable answer in the top five.
    pub recall_at_5: f64,
    /// Mean of 1/rank of the first acceptable answer in the top ten (0 if none).
    pub mrr_at_10: f64,
}

/// A query whose acceptable answers were not in the top five.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// The query.
    pub query: JudgedQuery,
    /// Rank (1-based) of the first acceptable answer in the top ten, if any.
    pub rank: Option<usize>,
    /// The ids the search returned first.
    pub top: Vec<String>,
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Metrics per category, by name.
    pub categories: BTreeMap<String, Metrics>,
    /// Metrics over all queries.
    pub overall: Metrics,
    /// Queries without an acceptable answer in the top five.
    pub misses: Vec<Miss>,
}

#[derive(Default)]
struct Tally {
    queries: usize,
    at_1: usize,
    at_5: usize,
    reciprocal: f64,
}

impl Tally {
    fn add(&mut self, rank: Option<usize>) {
        self.queries += 1;
        self.at_1 += usize::from(rank == Some(1));
        self.at_5 += usize::from(rank.is_some_and(|r| r <= 5));
        self.reciprocal += rank.map_or(0.0, |r| 1.0 / r as f64);
    }

    fn metrics(&self) -> Metrics {
        let n = self.queries.max(1) as f64;
        Metrics {
            queries: self.queries,
            recall_at_1: self.at_1 as f64 / n,
            recall_at_5: self.at_5 as f64 / n,
            mrr_at_10: self.reciprocal / n,
        }
    }
}

/// Runs every query against `index` and scores the top ten.
pub fn evaluate(index: &Index, queries: &[JudgedQuery]) -> Report {
    let options = SearchOptions {
        limit: 10,
        ..Default::default()
    };
    let mut overall = Tally::default();
    let mut categories: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for judged in queries {
        let top: Vec<String> = index
            .search(&judged.query, &options)
            .iter()
            .map(|hit| hit.service.id.clone())
            .collect();
        let rank = top
            .iter()
            .position(|id| judged.acceptable.contains(id))
            .map(|i| i + 1);
        overall.add(rank);
        categories
            .entry(judged.category.clone())
            .or_default()
            .add(rank);
        if rank.is_none_or(|r| r > 5) {
            misses.push(Miss {
                query: judged.clone(),
                rank,
                top: top.into_iter().take(5).collect(),
            });
        }
    }
    Report {
        categories: categories
            .into_iter()
            .map(|(name, tally)| (name, tally.metrics()))
            .collect(),
        overall: overall.metrics(),
        misses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::IndexBuilder;
    use crate::model::records::Catalog;

    const QUERIES: &str = "# comment\ncatalog\tcategory\tquery\tacceptable\tnote\n\
        demo\texact\thundesteuer\th\t\n\
        demo\ttypo\thundestuer\th, x\tone typo\n\
        demo\ttypo\tpersonalausweis\tp\t\n\
        demo\tsynonym\tkoeter\th\tnot in the catalog\n";

    #[test]
    fn parses_tab_separated_queries_with_header() {
        let queries = parse_queries(QUERIES, "q.tsv").unwrap();
        assert_eq!(queries.len(), 4);
        assert_eq!(queries[1].acceptable, ["h", "x"]);
        assert_eq!(queries[1].line, 4);
        let err = parse_queries("catalog\tquery\n", "q.tsv").unwrap_err();
        assert!(err.to_string().contains("category"), "{err}");
        let err = parse_queries(
            "catalog\tcategory\tquery\tacceptable\ndemo\texact\t\th\n",
            "q.tsv",
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("line 2") && err.to_string().contains("query"),
            "{err}"
        );
    }

    #[test]
    fn metrics_count_ranks_per_category() {
        let catalog: Catalog = serde_json::from_str(
            r#"{"services": [{"id": "h", "name": "Hundesteuer"}, {"id": "p", "name": "Reisepass"}]}"#,
        )
        .unwrap();
        let index = Index::from_bytes(&IndexBuilder::new(&catalog).build().unwrap().bytes).unwrap();
        let report = evaluate(&index, &parse_queries(QUERIES, "q.tsv").unwrap());
        assert_eq!(report.overall.queries, 4);
        assert_eq!(report.categories["exact"].recall_at_1, 1.0);
        assert_eq!(report.categories["typo"].recall_at_5, 0.5);
        assert_eq!(report.categories["synonym"].mrr_at_10, 0.0);
        assert_eq!(report.overall.recall_at_1, 0.5);
        assert_eq!(report.misses.len(), 2);
    }
}
