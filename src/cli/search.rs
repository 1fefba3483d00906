//! `zufi search --index <file> [--ars … | --plz …] <words…>`: ranked hits with
//! the responsible authorities at the citizen's place.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use serde::Serialize;
use zufi::{
    Ars, Authority, Derivation, Hit, Index, Plz, RegionEntry, Responsible, Role, SearchOptions,
};

use super::output::{eprint_line, stdout, Stdout};

/// Arguments of `zufi search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Index file.
    #[arg(long)]
    index: PathBuf,
    /// The citizen's place as 12-digit regional key (ARS).
    #[arg(long, conflicts_with = "plz")]
    ars: Option<String>,
    /// The citizen's place as 5-digit postcode; a postcode spanning several
    /// municipalities shows the responsible authorities of each.
    #[arg(long)]
    plz: Option<String>,
    /// Maximum number of hits.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print a JSON array instead of a readable list.
    #[arg(long)]
    json: bool,
    /// Show why each hit matched: which words, typos, stems, compound parts
    /// and synonyms, and the parts of its score.
    #[arg(long, conflicts_with = "json")]
    explain: bool,
    /// What the citizen typed.
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
}

#[derive(Debug, Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    name: &'a str,
    score: u64,
    #[serde(skip)]
    rank: zufi::RankKey,
    matches: Vec<JsonMatch<'a>>,
    responsible: Vec<JsonAuthority<'a>>,
    online_services: Vec<JsonLink<'a>>,
    forms: Vec<JsonLink<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonMatch<'a> {
    query: &'a str,
    term: String,
    typos: u8,
    prefix: bool,
    field: String,
    derivation: String,
    transliterated: bool,
}

#[derive(Debug, Serialize)]
struct JsonAuthority<'a> {
    id: &'a str,
    name: &'a str,
    role: Role,
    /// The region key the responsibility was found at.
    region: String,
    /// The citizen's places this authority serves (several for a postcode
    /// that spans municipalities).
    places: Vec<String>,
    address: Option<&'a zufi::Address>,
    contact: &'a zufi::Contact,
    opening_hours: &'a [zufi::OpeningHours],
}

#[derive(Debug, Serialize)]
struct JsonLink<'a> {
    id: &'a str,
    name: &'a str,
    url: &'a str,
    region: String,
    places: Vec<String>,
}

/// The citizen's candidate places.
fn places<'a>(
    index: &'a Index,
    args: &Args,
) -> anyhow::Result<Vec<(Ars, Option<&'a RegionEntry>)>> {
    if let Some(ars) = &args.ars {
        let ars: Ars = ars.parse()?;
        return Ok(vec![(ars, index.region(&ars))]);
    }
    let Some(plz) = &args.plz else {
        return Ok(Vec::new());
    };
    let plz: Plz = plz.parse()?;
    let regions = index.regions_for_plz(plz);
    if regions.is_empty() {
        bail!("postcode {plz} is not in this index's region table");
    }
    Ok(regions
        .into_iter()
        .map(|region| (region.ars, Some(region)))
        .collect())
}

/// Runs `zufi search`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(&args.index)
        .with_context(|| format!("cannot read {}", args.index.display()))?;
    let index = Index::from_bytes(&bytes)
        .with_context(|| format!("cannot open {}", args.index.display()))?;
    let places = places(&index, &args)?;
    if places.len() > 1 {
        let names: Vec<String> = places
            .iter()
            .map(|(ars, region)| format!("{} ({ars})", region.map_or("?", |r| r.name.as_str())))
            .collect();
        eprint_line!(
            "note: postcode {} covers {} municipalities: {}; showing who is responsible in each (choose one with --ars)",
            args.plz.as_deref().unwrap_or_default(),
            places.len(),
            names.join(", ")
        );
    }
    let query = args.query.join(" ");
    let options = SearchOptions {
        limit: args.limit,
        ..Default::default()
    };
    let hits = index.search(&query, &options);
    let json: Vec<JsonHit> = hits
        .iter()
        .map(|hit| to_json(&index, hit, &places))
        .collect();
    let mut out = stdout();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
    } else {
        print_human(&mut out, &json, &query, !places.is_empty(), args.explain)?;
        if json.is_empty() {
            let alternatives = index.suggestions(&query, 3);
            if !alternatives.is_empty() {
                writeln!(out, "did you mean: {}", alternatives.join(" | "))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn to_json<'a>(
    index: &'a Index,
    hit: &'a Hit<'a>,
    places: &[(Ars, Option<&RegionEntry>)],
) -> JsonHit<'a> {
    let mut responsible: Vec<JsonAuthority> = Vec::new();
    let mut online_services: Vec<JsonLink> = Vec::new();
    let mut forms: Vec<JsonLink> = Vec::new();
    for (place, _) in places {
        let Some(found): Option<Responsible> = index.responsible(&hit.service.id, *place) else {
            continue;
        };
        for assigned in found.authorities {
            let authority: &Authority = assigned.item;
            match responsible
                .iter_mut()
                .find(|a| a.id == authority.id && a.role == assigned.role)
            {
                Some(existing) => existing.places.push(place.to_string()),
                None => responsible.push(JsonAuthority {
                    id: &authority.id,
                    name: &authority.name,
                    role: assigned.role,
                    region: assigned.region.to_string(),
                    places: vec![place.to_string()],
                    address: authority.address.as_ref(),
                    contact: &authority.contact,
                    opening_hours: &authority.opening_hours,
                }),
            }
        }
        for assigned in &found.online_services {
            add_link(
                &mut online_services,
                &assigned.item.id,
                &assigned.item.name,
                &assigned.item.url,
                assigned.region,
                place,
            );
        }
        for assigned in &found.forms {
            add_link(
                &mut forms,
                &assigned.item.id,
                &assigned.item.name,
                &assigned.item.url,
                assigned.region,
                place,
            );
        }
    }
    JsonHit {
        id: &hit.service.id,
        name: &hit.service.name,
        score: hit.score(),
        rank: hit.rank,
        matches: hit
            .matches
            .iter()
            .map(|m| JsonMatch {
                query: &m.query_word,
                term: m.term_label(),
                typos: m.typos,
                prefix: m.prefix,
                field: format!("{:?}", m.field).to_lowercase(),
                derivation: match m.derivation {
                    Derivation::Literal => "word",
                    Derivation::Stem => "stem",
                    Derivation::CompoundPart => "compound part",
                    Derivation::Thesaurus => "thesaurus synonym",
                }
                .to_string(),
                transliterated: m.transliterated,
            })
            .collect(),
        responsible,
        online_services,
        forms,
    }
}

fn add_link<'a>(
    links: &mut Vec<JsonLink<'a>>,
    id: &'a str,
    name: &'a str,
    url: &'a str,
    region: Ars,
    place: &Ars,
) {
    match links.iter_mut().find(|l| l.id == id) {
        Some(existing) => existing.places.push(place.to_string()),
        None => links.push(JsonLink {
            id,
            name,
            url,
            region: region.to_string(),
            places: vec![place.to_string()],
        }),
    }
}

fn print_human(
    out: &mut Stdout,
    hits: &[JsonHit],
    query: &str,
    with_place: bool,
    explain: bool,
) -> std::io::Result<()> {
    if hits.is_empty() {
        return writeln!(out, "no services found for {query:?}");
    }
    const SHOWN: usize = 3;
    for (rank, hit) in hits.iter().enumerate() {
        writeln!(out, "{:>2}. {}  [{}]", rank + 1, hit.name, hit.id)?;
        if explain {
            writeln!(out, "      score {:#x}: {}", hit.score, hit.rank)?;
            for m in &hit.matches {
                let typos = match m.typos {
                    0 => String::new(),
                    1 => ", 1 typo".to_string(),
                    n => format!(", {n} typos"),
                };
                let prefix = if m.prefix { ", as prefix" } else { "" };
                writeln!(
                    out,
                    "      {:?} → {:?} ({} in {}{typos}{prefix})",
                    m.query, m.term, m.derivation, m.field
                )?;
            }
        }
        if !with_place {
            continue;
        }
        if hit.responsible.is_empty() && hit.online_services.is_empty() && hit.forms.is_empty() {
            writeln!(
                out,
                "      no responsible authority recorded for this place"
            )?;
        }
        for authority in hit.responsible.iter().take(SHOWN) {
            let address = authority
                .address
                .and_then(|a| a.one_line())
                .unwrap_or_default();
            let separator = if address.is_empty() { "" } else { ", " };
            writeln!(out, "      → {}{separator}{address}", authority.name)?;
        }
        if hit.responsible.len() > SHOWN {
            writeln!(out, "      … and {} more", hit.responsible.len() - SHOWN)?;
        }
        for link in hit.online_services.iter().chain(&hit.forms) {
            writeln!(out, "      ↗ {} <{}>", link.name, link.url)?;
        }
    }
    Ok(())
}
