//! Appendix 1, 设备系统的三级分类划分: the equipment taxonomy the ledger classifies against.
//! The file nests classes, so a class has exactly one parent and a cycle cannot be written.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::problem::{Collector, ProblemKind, Problems, line_of, syntax_problem};

/// One class and the classes under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Class {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<String>,
    #[serde(default)]
    pub children: Vec<Class>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxonomyMeta {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A validated taxonomy: at most three levels, names unique among siblings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Taxonomy {
    pub meta: TaxonomyMeta,
    pub classes: Vec<Class>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    taxonomy: Option<TaxonomyMeta>,
    #[serde(default)]
    class: Vec<Spanned<RawClass>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClass {
    name: String,
    #[serde(default)]
    corrections: Vec<String>,
    #[serde(default)]
    children: Vec<RawClass>,
}

/// Parse and validate a taxonomy file; every problem at once on failure.
pub fn load_taxonomy(text: &str) -> Result<Taxonomy, Problems> {
    let raw: RawTaxonomy = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(err) => return Err(Problems(vec![syntax_problem(text, &err)])),
    };
    let mut out = Collector::default();
    let meta = raw.taxonomy.unwrap_or_else(|| {
        out.push(Some(1), None, ProblemKind::MissingTaxonomyHeader);
        TaxonomyMeta {
            id: String::new(),
            title: String::new(),
            source: None,
        }
    });
    let mut classes = Vec::new();
    for spanned in raw.class {
        let line = line_of(text, spanned.span().start);
        classes.push(check_class(spanned.into_inner(), &[], line, &mut out));
    }
    check_siblings(&classes, "", None, &mut out);
    out.finish(Taxonomy { meta, classes })
}

fn check_class(raw: RawClass, path: &[&str], line: usize, out: &mut Collector) -> Class {
    let mut here: Vec<&str> = path.to_vec();
    here.push(&raw.name);
    let label = here.join(" / ");
    if raw.name.trim().is_empty() {
        out.push(
            Some(line),
            Some(&label),
            ProblemKind::Empty { field: "name" },
        );
    }
    if here.len() > 3 {
        out.push(Some(line), Some(&label), ProblemKind::TooDeep);
    }
    let children: Vec<Class> = raw
        .children
        .into_iter()
        .map(|c| check_class(c, &here, line, out))
        .collect();
    check_siblings(&children, &label, Some(line), out);
    Class {
        name: raw.name,
        corrections: raw.corrections,
        children,
    }
}

fn check_siblings(classes: &[Class], parent: &str, line: Option<usize>, out: &mut Collector) {
    for (i, class) in classes.iter().enumerate() {
        if classes.iter().take(i).any(|c| c.name == class.name) {
            let label = if parent.is_empty() {
                class.name.clone()
            } else {
                format!("{parent} / {}", class.name)
            };
            out.push(
                line,
                Some(&label),
                ProblemKind::DuplicateClass(class.name.clone()),
            );
        }
    }
}

impl Taxonomy {
    /// The class at a path of names (level 1, then 2, then 3), if there is one.
    pub fn find(&self, path: &[&str]) -> Option<&Class> {
        let (first, rest) = path.split_first()?;
        let mut class = self.classes.iter().find(|c| c.name == *first)?;
        for name in rest {
            class = class.children.iter().find(|c| c.name == *name)?;
        }
        Some(class)
    }

    /// Every path from a level-1 class down to a leaf.
    pub fn leaf_paths(&self) -> Vec<Vec<&str>> {
        fn walk<'a>(class: &'a Class, path: &mut Vec<&'a str>, out: &mut Vec<Vec<&'a str>>) {
            path.push(&class.name);
            if class.children.is_empty() {
                out.push(path.clone());
            }
            for child in &class.children {
                walk(child, path, out);
            }
            path.pop();
        }
        let mut out = Vec::new();
        for class in &self.classes {
            walk(class, &mut Vec::new(), &mut out);
        }
        out
    }

    /// The tree as nested `{name, children}` objects (`ffe index taxonomy --format json`).
    pub fn to_json(&self) -> serde_json::Value {
        fn node(class: &Class) -> serde_json::Value {
            serde_json::json!({
                "name": class.name,
                "children": class.children.iter().map(node).collect::<Vec<_>>(),
            })
        }
        serde_json::json!({
            "id": self.meta.id,
            "title": self.meta.title,
            "children": self.classes.iter().map(node).collect::<Vec<_>>(),
        })
    }
}
