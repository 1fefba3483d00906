//! `MountOptions` in the hand-written `www/zufi.d.ts` names exactly the
//! options `mount` reads (`read_options` in `src/mount.rs`, field by field,
//! plus `indexBytes`, which `parse_options` reads apart). The options reach
//! the wasm as `any`, and unknown keys are ignored, so neither tsc nor the
//! browser would notice an option renamed on one side only.

#![cfg(all(not(target_arch = "wasm32"), feature = "ui"))]

/// The names `read_options` reads: each string literal in its body (it
/// names nothing but fields, as in `fields.text("lang")` or
/// `count(&fields, "maxResults")`).
fn names_read(source: &str) -> Vec<String> {
    let body = source
        .split_once("fn read_options(")
        .and_then(|(_, rest)| rest.split_once("\n}"))
        .map(|(body, _)| body)
        .expect("mount.rs has fn read_options");
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The property names of `interface NAME { … }` in a declaration file.
fn interface_properties(declarations: &str, name: &str) -> Vec<String> {
    let start = format!("export interface {name} {{");
    let body = declarations
        .split_once(&start)
        .and_then(|(_, rest)| rest.split_once("\n}"))
        .map(|(body, _)| body)
        .unwrap_or_else(|| panic!("zufi.d.ts has no `{start}`"));
    body.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("/*") && !line.starts_with('*'))
        .map(|line| {
            line.split(['?', ':'])
                .next()
                .unwrap_or_default()
                .trim()
                .to_string()
        })
        .collect()
}

#[test]
fn mount_options_in_zufi_d_ts_are_the_options_mount_reads() {
    let mut read = names_read(include_str!("../src/mount.rs"));
    assert!(read.len() > 10, "{read:?}");
    read.push("indexBytes".into());
    read.sort();
    let mut declared = interface_properties(include_str!("../../zufi.d.ts"), "MountOptions");
    declared.sort();
    assert_eq!(
        declared, read,
        "www/zufi.d.ts MountOptions (left) and the options mount reads (right) differ"
    );
}
