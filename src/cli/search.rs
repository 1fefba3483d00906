//! `zufi search --index <file> [--ars … | --plz …] <words…>`: ranked hits with
//! the responsible authorities at the citizen's place.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use serde::Serialize;
use std::sync::OnceLock;

use zufi::{
    Ars, Authority, Derivation, Hit, Index, Plz, RegionEntry, Responsible, Role, SearchOptions,
    Thesaurus, VerbLexicon, Vocabulary,
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
    /// Written as its packed `score`; `--explain` prints its parts.
    #[serde(rename = "score", serialize_with = "packed_score")]
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

/// What a thesaurus match came through, from zufi's own vocabularies: "life
/// event «schwanger»", "verb form «geheiratet»", "English «dog tax»", or
/// "thesaurus synonym" (also for a catalog's own entries, which the index
/// does not name).
fn vocabulary_match(term: &str) -> String {
    static VOCABULARIES: OnceLock<Thesaurus> = OnceLock::new();
    let vocabularies = VOCABULARIES.get_or_init(|| {
        Thesaurus::LANGUAGES
            .iter()
            .filter_map(|code| Thesaurus::language(code))
            .fold(Thesaurus::defaults(), Thesaurus::with)
            .with_verb_forms(&VerbLexicon::default_german())
    });
    let Some(entry) = vocabularies.entry_for(term) else {
        return "thesaurus synonym".to_string();
    };
    let kind = match &entry.vocabulary {
        Vocabulary::Synonyms => return "thesaurus synonym".to_string(),
        Vocabulary::LifeEvents => "life event".to_string(),
        Vocabulary::VerbForms => "verb form".to_string(),
        Vocabulary::Language(code) => match code.as_str() {
            "en" => "English".to_string(),
            "tr" => "Turkish".to_string(),
            other => format!("language {other}"),
        },
    };
    format!("{kind} «{}»", entry.term)
}

#[derive(Debug, Serialize)]
struct JsonAuthority<'a> {
    id: &'a str,
    name: &'a str,
    role: Role,
    /// The region key the responsibility was found at.
    region: String,
    /// That region's name, when the index's region table has it: why this
    /// authority is responsible ("Ansprechpunkt for Saale-Holzland-Kreis").
    region_name: Option<&'a str>,
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
///
/// One rule for `--ars` and `--plz`: a place that is not in the index's
/// region table is an error naming the nearest one that is. (An index
/// without a region table takes any well-formed key, and the federal key is
/// always a place, as in catalogs.)
fn places<'a>(
    index: &'a Index,
    args: &Args,
) -> anyhow::Result<Vec<(Ars, Option<&'a RegionEntry>)>> {
    if let Some(ars) = &args.ars {
        let ars: Ars = ars.parse()?;
        let region = index.region(&ars);
        if region.is_none() && ars != Ars::BUND && !index.regions().is_empty() {
            bail!(
                "region {ars} is not in this index's region table; {}",
                nearest_enclosing(index, ars)
            );
        }
        return Ok(vec![(ars, region)]);
    }
    let Some(plz) = &args.plz else {
        return Ok(Vec::new());
    };
    let plz: Plz = plz.parse()?;
    let regions = index.regions_for_plz(plz);
    if regions.is_empty() {
        bail!(
            "postcode {plz} is not in this index's region table; {}",
            nearest_postcodes(index, plz)
        );
    }
    Ok(regions
        .into_iter()
        .map(|region| (region.ars, Some(region)))
        .collect())
}

/// Names the nearest region of the index enclosing the unknown key `ars`,
/// or, when none does, the regions the index covers.
fn nearest_enclosing(index: &Index, ars: Ars) -> String {
    if let Some(region) = ars.chain().skip(1).find_map(|key| index.region(&key)) {
        return format!(
            "the nearest enclosing region in it is {} ({}): search with --ars {}, or check the key",
            region.name, region.ars, region.ars
        );
    }
    let top: Vec<&RegionEntry> = index
        .regions()
        .iter()
        .filter(|r| {
            r.ars
                .chain()
                .skip(1)
                .all(|key| index.region(&key).is_none())
        })
        .collect();
    format!(
        "no region in it encloses this key (the index covers {}); check the key",
        listing(top.iter().map(|r| format!("{} ({})", r.name, r.ars)))
    )
}

/// Names the known postcodes nearest to the unknown `plz`, below and above,
/// with their municipalities.
fn nearest_postcodes(index: &Index, plz: Plz) -> String {
    let mut known: Vec<Plz> = index
        .regions()
        .iter()
        .flat_map(|r| r.plz.iter().copied())
        .collect();
    known.sort_unstable();
    known.dedup();
    let at = known.partition_point(|&p| p < plz);
    let nearest: Vec<String> = [at.checked_sub(1), Some(at)]
        .into_iter()
        .flatten()
        .filter_map(|i| known.get(i))
        .map(|&p| {
            let names = index.regions_for_plz(p).into_iter().map(|r| r.name.clone());
            format!("{p} ({})", listing(names))
        })
        .collect();
    match nearest.len() {
        0 => "the index's regions have no postcodes; give the place with --ars".to_string(),
        1 => format!("the nearest postcode in it is {}", nearest[0]),
        _ => format!("the nearest postcodes in it are {}", nearest.join(" and ")),
    }
}

/// The first few items joined with commas, with a count of the rest.
fn listing(items: impl Iterator<Item = String>) -> String {
    const SHOWN: usize = 3;
    let items: Vec<String> = items.collect();
    let mut text = items[..items.len().min(SHOWN)].join(", ");
    if items.len() > SHOWN {
        text.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    text
}

/// Runs `zufi search`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let index = super::open::open(&args.index)?.index;
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
    // Naming the vocabulary of a thesaurus match reads zufi's vocabularies
    // (milliseconds): only for output that shows it.
    let name_vocabulary = args.json || args.explain;
    let json: Vec<JsonHit> = hits
        .iter()
        .map(|hit| to_json(&index, hit, &places, name_vocabulary))
        .collect();
    let mut out = stdout();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
    } else {
        // With a postcode, each office and link says which of its municipalities it serves.
        let shown_places = match args.plz {
            Some(_) => Places::Named(&places),
            None if places.is_empty() => Places::None,
            None => Places::Given,
        };
        print_human(&mut out, &json, &query, shown_places, args.explain)?;
        let services: Vec<&zufi::Service> = hits.iter().map(|hit| hit.service).collect();
        if let Some(topic) = index.common_topic(&services) {
            writeln!(out, "topic: {} [{}]", topic.name, topic.id)?;
        }
        if json.is_empty() {
            let alternatives = index.suggestions(&query, 3);
            if !alternatives.is_empty() {
                writeln!(out, "did you mean: {}", alternatives.join(" | "))?;
            }
            let closest = index.closest_topics(&query, &alternatives, zufi::CLOSEST_TOPICS);
            if !closest.is_empty() {
                let names: Vec<String> = closest
                    .iter()
                    .map(|topic| format!("{} [{}]", topic.name, topic.id))
                    .collect();
                writeln!(out, "closest topics: {}", names.join(" | "))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn packed_score<S: serde::Serializer>(rank: &zufi::RankKey, out: S) -> Result<S::Ok, S::Error> {
    out.serialize_u64(rank.score())
}

fn to_json<'a>(
    index: &'a Index,
    hit: &'a Hit<'a>,
    places: &[(Ars, Option<&RegionEntry>)],
    name_vocabulary: bool,
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
                    region_name: index.region(&assigned.region).map(|r| r.name.as_str()),
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
                    Derivation::Literal => "word".to_string(),
                    Derivation::Stem => "stem".to_string(),
                    Derivation::CompoundPart => "compound part".to_string(),
                    Derivation::Thesaurus if name_vocabulary => vocabulary_match(&m.term_label()),
                    Derivation::Thesaurus => "thesaurus synonym".to_string(),
                },
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

/// What the readable list says about the citizen's place.
#[derive(Debug, Clone, Copy)]
enum Places<'a> {
    /// No place given: services only.
    None,
    /// One place given by its key: who is responsible there.
    Given,
    /// The places of a postcode: who is responsible, and for which of them.
    Named(&'a [(Ars, Option<&'a RegionEntry>)]),
}

impl Places<'_> {
    /// "for Alkersleben, Dornheim": the municipalities of `served` (keys as
    /// in the JSON `places`), or `None` when the list need not say.
    fn served(&self, served: &[String], always: bool) -> Option<String> {
        let Places::Named(places) = self else {
            return None;
        };
        if !always && served.len() == places.len() {
            return None;
        }
        let names: Vec<String> = served
            .iter()
            .map(|key| {
                places
                    .iter()
                    .find(|(ars, _)| ars.as_str() == key)
                    .and_then(|(_, region)| *region)
                    .map_or_else(|| key.clone(), |region| region.name.clone())
            })
            .collect();
        Some(format!("for {}", names.join(", ")))
    }
}

fn print_human(
    out: &mut Stdout,
    hits: &[JsonHit],
    query: &str,
    places: Places,
    explain: bool,
) -> std::io::Result<()> {
    if hits.is_empty() {
        return writeln!(out, "no services found for {query:?}");
    }
    const SHOWN: usize = 3;
    for (rank, hit) in hits.iter().enumerate() {
        writeln!(out, "{:>2}. {}  [{}]", rank + 1, hit.name, hit.id)?;
        if explain {
            writeln!(out, "      score {:#x}: {}", hit.rank.score(), hit.rank)?;
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
        if matches!(places, Places::None) {
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
            let role = match authority.role {
                Role::ZustaendigeStelle => "zuständige Stelle",
                Role::Ansprechpunkt => "Ansprechpunkt",
            };
            let region = authority.region_name.unwrap_or(&authority.region);
            writeln!(
                out,
                "      → {} ({role} for {region}){separator}{address}",
                authority.name
            )?;
            if let Some(served) = places.served(&authority.places, true) {
                writeln!(out, "        {served}")?;
            }
        }
        if hit.responsible.len() > SHOWN {
            writeln!(out, "      … and {} more", hit.responsible.len() - SHOWN)?;
        }
        for link in hit.online_services.iter().chain(&hit.forms) {
            writeln!(out, "      ↗ {} <{}>", link.name, link.url)?;
            if let Some(served) = places.served(&link.places, false) {
                writeln!(out, "        {served}")?;
            }
        }
    }
    Ok(())
}
