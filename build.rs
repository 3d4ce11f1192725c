// Rebuild when the embedded default theme, starter or sample projects change.
fn main() {
    for dir in ["templates", "starter", "samples"] {
        println!("cargo:rerun-if-changed={dir}");
        for entry in walk(dir) {
            println!("cargo:rerun-if-changed={entry}");
        }
    }
}

fn walk(dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            let s = p.to_string_lossy().into_owned();
            if p.is_dir() {
                out.extend(walk(&s));
            } else {
                out.push(s);
            }
        }
    }
    out
}
