//! Catalog sources on the web: an XZuFi export index and its messages served
//! by a small static HTTP server on 127.0.0.1 in a test thread (no network).

#![allow(clippy::unwrap_used)] // Test helpers may panic: a panic is a failed test.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use zufi::catalog::remote::{load_source, load_url, FetchLimits};
use zufi::catalog::LoadedCatalog;

/// What the server answers for a path.
#[derive(Clone)]
enum Answer {
    Body(Vec<u8>),
    Status(u16),
    /// Accepts the request and never answers.
    Silence,
}

/// Serves `answers` by path (404 for others) until the test process ends;
/// returns the server's base address, e.g. `http://127.0.0.1:41234`.
fn serve(answers: Vec<(&str, Answer)>) -> String {
    let answers: Arc<HashMap<String, Answer>> = Arc::new(
        answers
            .into_iter()
            .map(|(path, answer)| (path.to_string(), answer))
            .collect(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let answers = Arc::clone(&answers);
            // One thread per connection, so that a silent answer blocks no other.
            std::thread::spawn(move || answer(stream, &answers));
        }
    });
    address
}

fn answer(mut stream: TcpStream, answers: &HashMap<String, Answer>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    reader.read_line(&mut request_line).unwrap();
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
    }
    let (status, body) = match answers.get(&path).cloned() {
        Some(Answer::Body(body)) => (200, body),
        Some(Answer::Status(status)) => (status, b"error page".to_vec()),
        Some(Answer::Silence) => {
            std::thread::sleep(Duration::from_secs(5));
            return;
        }
        None => (404, b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    // The client may have given up (size limit): a failed write is its business.
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(&body));
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/xzufi")
            .join(name),
    )
    .unwrap()
}

/// The Thüringen message and its update, listed update first.
fn export() -> String {
    serve(vec![
        (
            "/export/index.txt",
            Answer::Body(
                b"# Landesredaktion Thueringen, XZuFi 2.2\n\nthueringen-2_2-update.xml\n/export/thueringen-2_2.xml\n"
                    .to_vec(),
            ),
        ),
        (
            "/export/thueringen-2_2.xml",
            Answer::Body(fixture("thueringen-2_2.xml")),
        ),
        (
            "/export/thueringen-2_2-update.xml",
            Answer::Body(fixture("thueringen-2_2-update.xml")),
        ),
        ("/export/broken.txt", Answer::Body(b"gone.xml\n".to_vec())),
        (
            "/export/html.txt",
            Answer::Body(b"login.html\n".to_vec()),
        ),
        (
            "/export/login.html",
            Answer::Body(b"\n<!DOCTYPE html><html>Anmeldung</html>".to_vec()),
        ),
        (
            "/export/unauthorised.txt",
            Answer::Body(b"secret.xml\n".to_vec()),
        ),
        ("/export/secret.xml", Answer::Status(403)),
        ("/export/silent.txt", Answer::Body(b"silent.xml\n".to_vec())),
        ("/export/silent.xml", Answer::Silence),
        ("/export/text.txt", Answer::Body(b"wartung.xml\n".to_vec())),
        (
            "/export/wartung.xml",
            Answer::Body(b"Wartungsarbeiten bis 18 Uhr".to_vec()),
        ),
        ("/export/empty.txt", Answer::Body(b"# nothing yet\n".to_vec())),
    ])
}

fn service_ids(loaded: &LoadedCatalog) -> Vec<&str> {
    loaded
        .catalog
        .services
        .iter()
        .map(|s| s.id.as_str())
        .collect()
}

fn error_of(url: &str, limits: &FetchLimits) -> String {
    match load_url(url, limits) {
        Ok(_) => panic!("{url} should fail"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn an_export_index_is_applied_in_the_order_the_messages_were_created() {
    let base = export();
    let loaded = load_url(&format!("{base}/export/index.txt"), &FetchLimits::default()).unwrap();
    // Listed update first, applied second: its loesche entries find the
    // records of the message it updates.
    assert_eq!(
        loaded.files,
        [
            format!("{base}/export/thueringen-2_2.xml"),
            format!("{base}/export/thueringen-2_2-update.xml"),
        ]
    );
    assert_eq!(service_ids(&loaded), ["L100016.LB.1140", "L100016.LB.3320"]);
    let update = format!("{base}/export/thueringen-2_2-update.xml");
    assert!(
        !loaded
            .warnings
            .iter()
            .any(|w| w.starts_with(&update) && w.contains("matched no record")),
        "{:?}",
        loaded.warnings
    );
    assert_eq!(
        loaded.catalog.online_services[0].url,
        "https://service.thueringen.example/gewerbe/antrag"
    );
}

#[test]
fn messages_without_a_creation_time_keep_the_order_of_the_index_with_a_warning() {
    let undated = |name: &str| {
        let text = String::from_utf8(fixture(name)).unwrap();
        let start = text.find("<xzufi:erstellungszeitpunkt>").unwrap();
        let end = text.find("</xzufi:erstellungszeitpunkt>").unwrap()
            + "</xzufi:erstellungszeitpunkt>".len();
        format!("{}{}", &text[..start], &text[end..]).into_bytes()
    };
    let base = serve(vec![
        (
            "/index.txt",
            Answer::Body(b"base.xml\nupdate.xml\n".to_vec()),
        ),
        ("/base.xml", Answer::Body(undated("thueringen-2_2.xml"))),
        (
            "/update.xml",
            Answer::Body(undated("thueringen-2_2-update.xml")),
        ),
    ]);
    let loaded = load_url(&format!("{base}/index.txt"), &FetchLimits::default()).unwrap();
    assert_eq!(
        loaded.files,
        [format!("{base}/base.xml"), format!("{base}/update.xml")]
    );
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w
                .contains("so the 2 XZuFi messages are applied in the order of the export index")),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn the_address_of_a_single_message_is_read_as_that_message() {
    let base = export();
    let loaded = load_source(Path::new(&format!("{base}/export/thueringen-2_2.xml"))).unwrap();
    assert_eq!(loaded.files, [format!("{base}/export/thueringen-2_2.xml")]);
    assert!(service_ids(&loaded).contains(&"L100016.LB.2210"));
}

#[test]
fn fetch_errors_name_the_address_and_say_what_went_wrong() {
    let base = export();
    let limits = FetchLimits::default();
    let missing = error_of(&format!("{base}/export/broken.txt"), &limits);
    assert_eq!(
        missing,
        format!("{base}/export/gone.xml: the server answered HTTP 404 Not Found instead of the XZuFi message; check the address")
    );
    let forbidden = error_of(&format!("{base}/export/unauthorised.txt"), &limits);
    assert!(
        forbidden.starts_with(&format!(
            "{base}/export/secret.xml: the server answered HTTP 403 Forbidden"
        )),
        "{forbidden}"
    );
    // A login page instead of the message: the importer names its root.
    let html = error_of(&format!("{base}/export/html.txt"), &limits);
    assert!(
        html.starts_with(&format!(
            "{base}/export/login.html:2:16: <html> is not an XZuFi message"
        )),
        "{html}"
    );
    let text = error_of(&format!("{base}/export/text.txt"), &limits);
    assert_eq!(
        text,
        format!("{base}/export/wartung.xml: is not an XZuFi message: the server sent something other than XML (it starts with \"Wartungsarbeiten bis 18 Uhr\"); check the address in the export index {base}/export/text.txt")
    );
    let empty = error_of(&format!("{base}/export/empty.txt"), &limits);
    assert!(empty.contains("lists no XZuFi messages"), "{empty}");
    let no_index = error_of(&format!("{base}/nothing-here.txt"), &limits);
    assert!(no_index.contains("HTTP 404"), "{no_index}");
}

#[test]
fn a_message_over_the_size_limit_is_refused() {
    let base = export();
    let limits = FetchLimits {
        max_message_bytes: 1000,
        ..FetchLimits::default()
    };
    let error = error_of(&format!("{base}/export/index.txt"), &limits);
    assert!(
        error.starts_with(&format!("{base}/export/thueringen-2_2"))
            && error.contains("the XZuFi message is too large: it exceeds the limit of 1000 bytes"),
        "{error}"
    );
}

#[test]
fn a_silent_server_times_out() {
    let base = export();
    let limits = FetchLimits {
        response_timeout: Duration::from_millis(300),
        ..FetchLimits::default()
    };
    let error = error_of(&format!("{base}/export/silent.txt"), &limits);
    assert!(
        error.starts_with(&format!(
            "{base}/export/silent.xml: no complete answer in time (timeout)"
        )),
        "{error}"
    );
}

#[test]
fn the_cli_validates_and_builds_an_export_by_its_address() {
    let base = export();
    let index = format!("{base}/export/index.txt");
    let validated = Command::new(env!("CARGO_BIN_EXE_zufi"))
        .args(["validate", &index])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&validated.stdout);
    assert!(
        validated.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&validated.stderr)
    );
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("export.zufi");
    let built = Command::new(env!("CARGO_BIN_EXE_zufi"))
        .args(["build", &index, "--quiet", "-o"])
        .arg(&output)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(std::fs::metadata(&output).unwrap().len() > 0);

    let failed = Command::new(env!("CARGO_BIN_EXE_zufi"))
        .args(["validate", &format!("{base}/export/broken.txt")])
        .output()
        .unwrap();
    assert!(!failed.status.success());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains(&format!(
            "{base}/export/gone.xml: the server answered HTTP 404"
        )),
        "{stderr}"
    );
}
