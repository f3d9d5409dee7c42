//! Regenerates `examples/demo/inventory.json`, the demo snapshot the README scans:
//! `cargo run --example generate_demo`.

fn main() -> std::io::Result<()> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo/inventory.json");
    std::fs::create_dir_all(path.parent().expect("has a parent"))?;
    std::fs::write(&path, stance::demo::demo_snapshot_text())?;
    println!("wrote {}", path.display());
    Ok(())
}
