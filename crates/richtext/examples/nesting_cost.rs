//! Times ammonia alone (the cleaner before bounds) against `clean` on
//! deeply nested documents: `cargo run --release -p atbalsts-richtext
//! --example nesting_cost`.

use std::time::Instant;

fn main() {
    for depth in [40_000, 80_000] {
        let html = format!("{}teksts{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let start = Instant::now();
        let _ = ammonia::clean(&html);
        let before = start.elapsed();
        let start = Instant::now();
        let _ = atbalsts_richtext::clean(&html, atbalsts_richtext::Images::Embedded);
        println!(
            "{depth} deep: ammonia alone {before:?}, clean {:?}",
            start.elapsed()
        );
    }
}
