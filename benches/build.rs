//! Build time of the demo catalogs: `cargo bench --bench build`.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};

fn build(c: &mut Criterion) {
    for name in ["berlin", "thueringen"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("index")
            .join(name);
        let loaded = zufi::catalog::load(&path).expect("demo catalogs are committed under index/");
        c.bench_function(&format!("build/{name}"), |b| {
            b.iter(|| {
                loaded
                    .index_builder()
                    .expect("the thesaurus applies")
                    .build()
                    .expect("demo catalog builds")
            })
        });
        c.bench_function(&format!("load_catalog/{name}"), |b| {
            b.iter(|| zufi::catalog::load(&path).expect("demo catalog loads"))
        });
    }
}

criterion_group!(benches, build);
criterion_main!(benches);
