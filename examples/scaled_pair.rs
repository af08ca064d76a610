//! Writes the embedded pair scaled N times, for whole-process timings:
//! `cargo run --release --example scaled_pair -- 1000 /tmp/scaled`
//! writes `/tmp/scaled/zh.md` and `/tmp/scaled/en.md` (about 50 MB).

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "target/scaled".to_owned()));
    std::fs::create_dir_all(&dir)?;
    let (zh, en) = diglot::dev::scaled_pair(n);
    std::fs::write(dir.join("zh.md"), &zh)?;
    std::fs::write(dir.join("en.md"), &en)?;
    println!("{} bytes in {}", zh.len() + en.len(), dir.display());
    Ok(())
}
