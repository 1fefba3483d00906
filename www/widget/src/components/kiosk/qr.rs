//! Links as QR codes: a kiosk has no address bar and its links go nowhere,
//! so a citizen takes an online service or a form along on a phone.

use qrcode::{Color, EcLevel, QrCode};
use yew::prelude::*;

use crate::i18n::Lang;

/// Light modules around the code, as the QR standard asks for (ISO/IEC
/// 18004: four modules), so a phone finds the code on any background.
pub const QUIET_ZONE: usize = 4;

/// A QR code as one SVG path: the dark modules, row by row, each run of
/// neighbours one rectangle (`M x y h n v 1 h -n z`), offset by the quiet
/// zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrPath {
    /// Modules per side, quiet zone included: the SVG's `viewBox` size.
    pub size: usize,
    /// The path data of the dark modules.
    pub d: String,
}

impl QrPath {
    /// The code for `data`, with error correction level M (15 %), which
    /// survives a scratched screen; `None` when `data` is too long for any
    /// QR code.
    pub fn new(data: &str) -> Option<QrPath> {
        let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
        let width = code.width();
        let colors = code.to_colors();
        let mut d = String::new();
        for (y, row) in colors.chunks(width).enumerate() {
            let mut x = 0;
            while x < width {
                if row[x] == Color::Dark {
                    let run = row[x..].iter().take_while(|c| **c == Color::Dark).count();
                    d.push_str(&format!(
                        "M{} {}h{run}v1h-{run}z",
                        x + QUIET_ZONE,
                        y + QUIET_ZONE
                    ));
                    x += run;
                } else {
                    x += 1;
                }
            }
        }
        Some(QrPath {
            size: width + 2 * QUIET_ZONE,
            d,
        })
    }
}

/// Props of [`QrLink`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct QrLinkProps {
    /// What the link leads to, e.g. the online service's name.
    pub name: AttrValue,
    /// The address, already checked to be http(s).
    pub url: AttrValue,
    pub lang: Lang,
}

/// `<figure>` with the QR code of `url` and, under it, the name and the
/// plain address (for those who type it in, and for the print-out).
#[component]
pub fn QrLink(props: &QrLinkProps) -> Html {
    let text = props.lang.text().kiosk;
    let path = use_memo(props.url.clone(), |url| QrPath::new(url));
    let label = text.qr_label.replace("{name}", &props.name);
    html! {
        <figure class="zufi-qr">
            if let Some(path) = &*path {
                // Black on white whatever the theme: scanners need the contrast.
                <svg class="zufi-qr-code" role="img" aria-label={label}
                    viewBox={format!("0 0 {0} {0}", path.size)} shape-rendering="crispEdges">
                    <rect width={path.size.to_string()} height={path.size.to_string()} fill="#fff" />
                    <path d={path.d.clone()} fill="#000" />
                </svg>
            }
            <figcaption>
                <span class="zufi-qr-name">{ props.name.clone() }</span>
                <span class="zufi-qr-url">{ props.url.clone() }</span>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modules the path paints dark, read back from its rectangles.
    fn dark_modules(path: &QrPath) -> Vec<(usize, usize)> {
        let mut dark = Vec::new();
        for rect in path.d.split('z').filter(|r| !r.is_empty()) {
            let numbers: Vec<usize> = rect
                .trim_start_matches('M')
                .split(['h', 'v', ' '])
                .filter(|n| !n.is_empty() && !n.starts_with('-'))
                .map(|n| n.parse().expect("path numbers"))
                .collect();
            let (x, y, run) = (numbers[0], numbers[1], numbers[2]);
            dark.extend((x..x + run).map(|x| (x, y)));
        }
        dark
    }

    #[test]
    fn the_path_paints_exactly_the_dark_modules() {
        let url = "https://demo.zufi.invalid/hundesteuer";
        let path = QrPath::new(url).expect("fits");
        let code = QrCode::with_error_correction_level(url, EcLevel::M).expect("fits");
        let expected: Vec<(usize, usize)> = code
            .to_colors()
            .chunks(code.width())
            .enumerate()
            .flat_map(|(y, row)| {
                row.iter()
                    .enumerate()
                    .filter(|(_, c)| **c == Color::Dark)
                    .map(move |(x, _)| (x + QUIET_ZONE, y + QUIET_ZONE))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(dark_modules(&path), expected);
        assert_eq!(path.size, code.width() + 8);
        // The finder patterns' corners: dark at the top left, inside the quiet zone.
        assert!(dark_modules(&path).contains(&(QUIET_ZONE, QUIET_ZONE)));
        assert!(!dark_modules(&path)
            .iter()
            .any(|&(x, y)| x < QUIET_ZONE || y < QUIET_ZONE));
    }

    #[test]
    fn too_long_an_address_gives_no_code() {
        assert!(QrPath::new(&"x".repeat(4000)).is_none());
        assert!(QrPath::new("https://a.de").is_some());
    }
}
