//! The document as a whole, once every page is written: the nested outline with positions,
//! `/Lang`, `DisplayDocTitle`, printable links, XMP metadata and the document information,
//! and a document ID derived from the content, so the same input always gives the same bytes.

use super::subset::fnv64;
use super::{name, text_string, Info, OutlineEntry, CREATOR, PRODUCER};
use lopdf::{Dictionary, Object, StringFormat};

/// XMP metadata (PDF/UA asks for it): title, author, subject, language, dates, producer and
/// the PDF/UA identification. Written by hand: it is a fixed template with escaped values.
fn xmp(info: &Info) -> Vec<u8> {
    let e = |s: &str| html_escape::encode_text(s).into_owned();
    let valid = info.date.as_deref().filter(|d| pdf_date(d).is_some());
    let dates = valid.map_or(String::new(), |d| {
        format!(
            "<xmp:CreateDate>{d}T00:00:00Z</xmp:CreateDate><xmp:ModifyDate>{d}T00:00:00Z</xmp:ModifyDate>"
        )
    });
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
<pdf:Producer>{PRODUCER}</pdf:Producer>\n\
<pdf:Keywords>{keywords}</pdf:Keywords>\n\
<xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>{dates}\n\
<pdfuaid:part>1</pdfuaid:part>\n\
</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>",
        title = e(&info.title),
        author = e(&info.author),
        subject = e(&info.subject),
        lang = e(&info.lang),
        keywords = e(&info.keywords.join(", ")),
    )
    .into_bytes()
}

/// A PDF date of a YYYY-MM-DD date, at midnight UTC.
fn pdf_date(d: &str) -> Option<String> {
    let digits: String = d.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8 && d.len() == 10).then(|| format!("D:{digits}000000Z"))
}

/// Adds what printpdf lacks to a finished document (see the module's summary).
pub(super) fn postprocess(lo: &mut lopdf::Document, outline: &[OutlineEntry], info: &Info) {
    lo.version = "1.7".into();
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
    for &pid in &page_ids {
        let annots = lo
            .get_dictionary(pid)
            .ok()
            .and_then(|d| d.get(b"Annots").ok())
            .cloned();
        if let Ok(page) = lo.get_dictionary_mut(pid) {
            match annots {
                // Pages with annotations tab through them in structure order.
                Some(Object::Array(a)) if !a.is_empty() => page.set("Tabs", name("S")),
                _ => {
                    page.remove(b"Annots");
                }
            }
        }
    }
    let mut meta = lopdf::Stream::new(
        Dictionary::from_iter(vec![("Type", name("Metadata")), ("Subtype", name("XML"))]),
        xmp(info),
    );
    // Left uncompressed, so that tools which look for the PDF/UA identification find it.
    meta.allows_compression = false;
    let meta = lo.add_object(meta);
    let outlines = (!outline.is_empty()).then(|| {
        let root = lo.new_object_id();
        let tree = nest(outline);
        let (first, last, count) = write_level(lo, &tree, root, &page_ids);
        lo.objects.insert(
            root,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", name("Outlines")),
                ("First", Object::Reference(first)),
                ("Last", Object::Reference(last)),
                ("Count", Object::Integer(count)),
            ])),
        );
        root
    });
    if let Ok(cat) = lo.catalog_mut() {
        cat.set("Lang", text_string(&info.lang));
        cat.set(
            "ViewerPreferences",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "DisplayDocTitle",
                Object::Boolean(true),
            )])),
        );
        cat.set(
            "PageMode",
            name(if outlines.is_some() {
                "UseOutlines"
            } else {
                "UseNone"
            }),
        );
        if let Some(r) = outlines {
            cat.set("Outlines", Object::Reference(r));
        }
        cat.set("Metadata", Object::Reference(meta));
    }
    if let Ok(info_id) = lo.trailer.get(b"Info").and_then(|o| o.as_reference()) {
        if let Ok(d) = lo.get_dictionary_mut(info_id) {
            for k in [&b"GTS_PDFXVersion"[..], b"Identifier", b"Trapped"] {
                d.remove(k);
            }
            // Dates from the content; none when it gives none (never the clock, nor 1970).
            match info.date.as_deref().and_then(pdf_date) {
                Some(date) => {
                    d.set("CreationDate", Object::string_literal(date.clone()));
                    d.set("ModDate", Object::string_literal(date));
                }
                None => {
                    d.remove(b"CreationDate");
                    d.remove(b"ModDate");
                }
            }
            for (k, v) in &info.extra {
                d.set(k.as_bytes().to_vec(), text_string(v));
            }
            let empty: Vec<Vec<u8>> = d
                .iter()
                .filter(|(_, v)| matches!(v, Object::String(s, _) if s.is_empty()))
                .map(|(k, _)| k.clone())
                .collect();
            for k in empty {
                d.remove(&k);
            }
        }
    }
    // A document ID from the content (printpdf's is process-random).
    let mut h1 = 0xcbf29ce484222325u64;
    let mut h2 = 0x84222325cbf29ce4u64;
    for (id, obj) in &lo.objects {
        h1 = fnv64(h1, &id.0.to_be_bytes());
        if let Object::Stream(s) = obj {
            h1 = fnv64(h1, &s.content);
            h2 = fnv64(h2, &s.content[..s.content.len().min(4096)]);
        }
    }
    let mut id = h1.to_be_bytes().to_vec();
    id.extend_from_slice(&h2.to_be_bytes());
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
}

struct Node {
    title: String,
    page: usize,
    top: f32,
    children: Vec<Node>,
}

/// Nests a flat, ordered list of (level, …) entries by level.
fn nest(flat: &[OutlineEntry]) -> Vec<Node> {
    fn take(flat: &[OutlineEntry], i: &mut usize, level: u8) -> Vec<Node> {
        let mut out = Vec::new();
        while *i < flat.len() && flat[*i].0 >= level {
            let (l, title, page, top) = flat[*i].clone();
            *i += 1;
            let children = take(flat, i, l + 1);
            out.push(Node {
                title,
                page,
                top,
                children,
            });
        }
        out
    }
    let mut i = 0;
    let min = flat.iter().map(|e| e.0).min().unwrap_or(1);
    take(flat, &mut i, min)
}

fn write_level(
    lo: &mut lopdf::Document,
    items: &[Node],
    parent: lopdf::ObjectId,
    pages: &[lopdf::ObjectId],
) -> (lopdf::ObjectId, lopdf::ObjectId, i64) {
    let ids: Vec<_> = items.iter().map(|_| lo.new_object_id()).collect();
    let mut count = items.len() as i64;
    for (i, it) in items.iter().enumerate() {
        let page = pages[it.page.min(pages.len() - 1)];
        let mut d = Dictionary::from_iter(vec![
            ("Title", text_string(&it.title)),
            ("Parent", Object::Reference(parent)),
            (
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    name("XYZ"),
                    Object::Real(0.0),
                    Object::Real(it.top),
                    Object::Null,
                ]),
            ),
        ]);
        if i > 0 {
            d.set("Prev", Object::Reference(ids[i - 1]));
        }
        if i + 1 < ids.len() {
            d.set("Next", Object::Reference(ids[i + 1]));
        }
        if !it.children.is_empty() {
            let (f, l, c) = write_level(lo, &it.children, ids[i], pages);
            d.set("First", Object::Reference(f));
            d.set("Last", Object::Reference(l));
            // Chapters open, deeper levels closed.
            let open = it.children.iter().all(|c| c.children.is_empty());
            d.set("Count", Object::Integer(if open { c } else { -c }));
            if open {
                count += c;
            }
        }
        lo.objects.insert(ids[i], Object::Dictionary(d));
    }
    (ids[0], *ids.last().unwrap_or(&ids[0]), count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_from_the_content() {
        assert_eq!(pdf_date("2024-03-01").as_deref(), Some("D:20240301000000Z"));
        assert_eq!(pdf_date("2024-3-1"), None);
    }

    #[test]
    fn outline_nests_by_level() {
        let flat = vec![
            (1, "A".into(), 0, 0.0),
            (2, "a1".into(), 0, 0.0),
            (2, "a2".into(), 1, 0.0),
            (1, "B".into(), 2, 0.0),
        ];
        let tree = nest(&flat);
        assert_eq!(tree.len(), 2);
        assert_eq!(tree[0].children.len(), 2);
        assert_eq!(tree[1].title, "B");
    }
}
