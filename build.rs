// Rebuild when the embedded default theme changes.
fn main() {
    println!("cargo:rerun-if-changed=templates");
    for entry in walk("templates") {
        println!("cargo:rerun-if-changed={entry}");
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
