//! XZuFi 2.2 importer (subset).
//!
//! Reads one XZuFi message (namespace [`NAMESPACE`]): a `nachrichtenkopf`
//! followed by `schreibe` entries, each wrapping a `leistung`,
//! `organisationseinheit`, `onlinedienst` or `zustaendigkeitTransferObjekt`,
//! and `loesche` entries naming a class (`@klasse`) and an `id`.
//!
//! Elements are matched on their local names, so any namespace prefix works;
//! the root must declare an XZuFi namespace (another version than 2.2 is read
//! with a warning). The message is streamed with quick-xml; only one
//! `schreibe`/`loesche` entry at a time is held as a small element tree.
//!
//! Mapping decisions worth knowing:
//!
//! - **Texts** (`modulText/inhalt`, costs, deadlines, …) are often HTML. They
//!   are converted to plain text by a deliberately small converter (no
//!   sanitiser dependency): tags are dropped, block elements (`p`, `div`,
//!   headings, lists, tables) become paragraphs separated by one blank line,
//!   `br` becomes a line break, list items become `- ` lines, a link keeps
//!   its address in brackets after its text, `script`/`style` content is
//!   dropped and HTML entities (named ones common in German texts and all
//!   numeric ones) are decoded. Text without tags keeps its own line breaks.
//!   Of several `inhalt` the one with `@languageCode` `de` (or `de-…`) wins,
//!   then one without a language code, then the first.
//! - **Opening hours** (`oeffnungszeiten`) are read as text, one entry per
//!   line. A line such as `Mo-Fr 09:00-12:00` or `Di 9 - 12 und 13.30 - 18 Uhr`
//!   becomes structured entries (`days`, `from`, `to`); any other line is
//!   kept verbatim in `note` with an empty `days`, which marks it as free text.
//! - **Zuständigkeiten** become one [`Responsibility`] per `gebietID` (a
//!   12-digit ARS). Nested `zustaendigkeit` elements of an
//!   `organisationseinheit` point at that OE. For a
//!   `zustaendigkeitTransferObjekt` the kind of target is the kind of the OE
//!   or Onlinedienst with the `uebergeordnetesObjektID` in the same message;
//!   if the message does not contain it, the PVOG id convention
//!   `<Redaktion>.OE.<n>` / `<Redaktion>.OD.<n>` decides; otherwise the
//!   import fails naming the record.
//! - **Roles**: a `rolle/name` containing "Ansprechpunkt" or "zuständige
//!   Stelle" decides; else code `01` is the zuständige Stelle and `02` the
//!   Ansprechpunkt (an assumption about the code list); anything else is read
//!   as zuständige Stelle with a warning.
//! - **Contacts** (`kommunikation/kanal/code`) follow the XÖV code list
//!   Erreichbarkeit: `01` e-mail, `02`/`03` phone, `04` fax, `09` web; other
//!   codes are guessed from the address (`@` → e-mail, `http`/`www.` → web)
//!   or skipped with a warning.
//! - **Kategorien** become topic ids of the service and [`Topic`] records
//!   (deduplicated within the message).
//! - `spezialisierung` entries and unknown `loesche` classes are skipped with
//!   a warning.
//!
//! # Where each concern lives
//!
//! Each file answers one question, and uses only files further down this
//! list, so any file can be read without the ones above it:
//!
//! - `reader` — [`parse`]: streams the message, checks the root's
//!   namespace, reads one entry at a time;
//! - `builder` — dispatches `schreibe`/`loesche` entries, counts skipped
//!   ones, settles the targets of transfer objects at the end;
//! - `leistung`, `organisationseinheit`, `onlinedienst`, `zustaendigkeit`
//!   — one record mapper per XZuFi class: an entry's tree in, catalog
//!   records out, errors naming the record and the field;
//! - `opening_hours` — the opening-hours line parser;
//! - `fields` — what all mappers share: language choice, record ids and
//!   labels, Regionalschlüssel;
//! - `tree` — an entry as a tree of elements with their positions, and the
//!   line/column errors built from them;
//! - `html` — the HTML-to-text converter;
//! - `message` — the result types [`Message`], [`Deletion`],
//!   [`EntityClass`] and the [`NAMESPACE`] constant.
//!
//! This file only re-exports; no file of the importer uses it. The unit
//! tests sit next to the code they test and share `test_support`.
//!
//! [`Responsibility`]: crate::model::records::Responsibility
//! [`Topic`]: crate::model::records::Topic

mod builder;
mod fields;
mod html;
mod leistung;
mod message;
mod onlinedienst;
mod opening_hours;
mod organisationseinheit;
mod reader;
#[cfg(test)]
mod test_support;
mod tree;
mod zustaendigkeit;

pub use crate::catalog::xzufi::message::{Deletion, EntityClass, Message, NAMESPACE};
pub use crate::catalog::xzufi::reader::parse;
