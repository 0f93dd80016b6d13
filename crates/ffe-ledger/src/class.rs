//! Matching the three class cells of a row against Appendix 1, tolerant of the ways a name is
//! typed: 其它/其他, bracket and spacing variants, and the acronym alone ("MES" for
//! "制造执行系统 (MES)").

use ffe_index::{Class, Taxonomy};

use crate::parse::quote;
use crate::row::ClassPath;
use crate::text::name_key;

/// The taxonomy with its names pre-folded, built once per import.
#[derive(Debug, Clone)]
pub struct ClassIndex {
    level1: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    keys: Vec<String>,
    children: Vec<Entry>,
}

impl Entry {
    fn new(class: &Class) -> Entry {
        let mut keys = vec![name_key(&class.name)];
        // "制造执行系统 (MES)": also "制造执行系统" and "MES".
        if let Some((head, tail)) = class.name.rsplit_once(['(', '（'])
            && let Some(acronym) = tail.strip_suffix([')', '）'])
        {
            keys.push(name_key(head));
            keys.push(name_key(acronym));
        }
        keys.retain(|k| !k.is_empty());
        Entry {
            name: class.name.clone(),
            keys,
            children: class.children.iter().map(Entry::new).collect(),
        }
    }

    fn find<'a>(entries: &'a [Entry], text: &str) -> Option<&'a Entry> {
        let key = name_key(text);
        // The full name first, so that an acronym never shadows another class's name.
        entries
            .iter()
            .find(|e| e.keys.first() == Some(&key))
            .or_else(|| entries.iter().find(|e| e.keys.contains(&key)))
    }
}

/// Which level a class error is about, so that the row parser can name the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    One,
    Two,
    Three,
}

impl ClassIndex {
    pub fn new(taxonomy: &Taxonomy) -> ClassIndex {
        ClassIndex {
            level1: taxonomy.classes.iter().map(Entry::new).collect(),
        }
    }

    /// Resolve the typed names (blank ones as `None`) to the taxonomy's own names.
    pub fn resolve(
        &self,
        level1: Option<&str>,
        level2: Option<&str>,
        level3: Option<&str>,
    ) -> Result<ClassPath, Vec<(Level, String)>> {
        let mut errors = Vec::new();
        let Some(typed1) = level1 else {
            errors.push((Level::One, "缺少一级分类".to_owned()));
            if level2.is_none() {
                errors.push((Level::Two, "缺少二级分类".to_owned()));
            }
            return Err(errors);
        };
        let Some(one) = Entry::find(&self.level1, typed1) else {
            let names: Vec<&str> = self.level1.iter().map(|e| e.name.as_str()).collect();
            errors.push((
                Level::One,
                format!(
                    "一级分类{}不在附录 1 中，应为：{}",
                    quote(typed1),
                    names.join("、")
                ),
            ));
            return Err(errors);
        };
        let Some(typed2) = level2 else {
            errors.push((Level::Two, "缺少二级分类".to_owned()));
            return Err(errors);
        };
        let Some(two) = Entry::find(&one.children, typed2) else {
            let names: Vec<&str> = one.children.iter().map(|e| e.name.as_str()).collect();
            errors.push((
                Level::Two,
                format!(
                    "二级分类{}不属于一级分类“{}”，应为：{}",
                    quote(typed2),
                    one.name,
                    names.join("、")
                ),
            ));
            return Err(errors);
        };
        let level3 = match (level3, two.children.is_empty()) {
            (None, true) => None,
            (Some(typed3), true) if name_key(typed3) == name_key(&two.name) => None,
            (Some(typed3), true) => {
                errors.push((
                    Level::Three,
                    format!(
                        "二级分类“{}”没有三级分类，请留空（填写的是{}）",
                        two.name,
                        quote(typed3)
                    ),
                ));
                return Err(errors);
            }
            (None, false) => {
                errors.push((Level::Three, "缺少三级分类".to_owned()));
                return Err(errors);
            }
            (Some(typed3), false) => match Entry::find(&two.children, typed3) {
                Some(three) => Some(three.name.clone()),
                None => {
                    let names: Vec<&str> = two.children.iter().map(|e| e.name.as_str()).collect();
                    errors.push((
                        Level::Three,
                        format!(
                            "三级分类{}不属于二级分类“{}”，应为：{}",
                            quote(typed3),
                            two.name,
                            names.join("、")
                        ),
                    ));
                    return Err(errors);
                }
            },
        };
        Ok(ClassPath {
            level1: one.name.clone(),
            level2: two.name.clone(),
            level3,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> ClassIndex {
        ClassIndex::new(ffe_index::shipped::taxonomy().expect("shipped taxonomy"))
    }

    fn ok(l1: &str, l2: &str, l3: &str) -> ClassPath {
        index()
            .resolve(Some(l1), Some(l2), Some(l3))
            .expect("resolves")
    }

    #[test]
    fn variants_resolve_to_the_taxonomy_spelling() {
        let path = ok("智能制造装备", "其他类型装备", "可组态（配置）装备");
        assert_eq!(path.level2, "其它类型装备");
        assert_eq!(path.level3.as_deref(), Some("可组态(配置)装备"));
        assert_eq!(
            ok("整体解决方案", "整体 方案", "其他").level3.as_deref(),
            Some("其它")
        );
        assert_eq!(
            ok("工业控制系统与工业软件", "工业APP", "其他工业app")
                .level3
                .as_deref(),
            Some("其它工业 APP")
        );
        assert_eq!(
            ok("工业控制系统与工业软件", "生产制造类软件", "MES")
                .level3
                .as_deref(),
            Some("制造执行系统 (MES)")
        );
        assert_eq!(
            ok(
                "智能制造装备",
                "智能传感与控制装备",
                "位置，力矩，触觉传感器"
            )
            .level3
            .as_deref(),
            Some("位置、力矩、触觉传感器")
        );
    }

    #[test]
    fn a_level3_class_under_another_level2_is_refused() {
        let errors = index()
            .resolve(Some("智能制造装备"), Some("数控机床"), Some("焊接机器人"))
            .expect_err("not under 数控机床");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, Level::Three);
        assert!(
            errors[0]
                .1
                .starts_with("三级分类“焊接机器人”不属于二级分类“数控机床”")
        );
    }

    #[test]
    fn unknown_and_missing_levels() {
        let idx = index();
        let e = idx
            .resolve(Some("设备"), Some("数控机床"), Some("加工中心"))
            .expect_err("unknown");
        assert_eq!(e[0].0, Level::One);
        let e = idx
            .resolve(Some("智能制造装备"), Some("工业 APP"), Some("研发设计类"))
            .expect_err("wrong parent");
        assert!(
            e[0].1
                .starts_with("二级分类“工业 APP”不属于一级分类“智能制造装备”")
        );
        let e = idx
            .resolve(Some("智能制造装备"), Some("数控机床"), None)
            .expect_err("missing");
        assert_eq!(e, vec![(Level::Three, "缺少三级分类".to_owned())]);
        let e = idx
            .resolve(None, None, Some("加工中心"))
            .expect_err("missing");
        assert_eq!(e.len(), 2);
    }
}
