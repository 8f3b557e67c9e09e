//! The checker: every mistake a set of translations can make against a catalogue, each with
//! its file and line — as the derive checks templates, for a test or a CI step.

use core::fmt;
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use super::mistake::Mistake;
use super::{Translations, read};
use crate::spec::ErrorSpec;

impl Translations {
    /// Every mistake of these translations against `specs` (a catalogue: `T::CATALOGUE`,
    /// `catalogue::all()`): missing translations, unknown codes, unknown or sensitive
    /// variables, codes that cannot be Fluent ids.
    ///
    /// # Errors
    /// The mistakes, in locale order.
    pub fn check(&self, specs: &[ErrorSpec]) -> Result<(), Vec<Mistake>> {
        let mut mistakes = codes_that_cannot_be_ids(specs);
        let mut violations = ViolationMessages::default();
        for (locale, file, source) in self.sources() {
            // The text parsed when the translations were built; parsing it again here keeps
            // the bundle free of what only the checker needs.
            let resource = match FluentResource::try_new(source.to_string()) {
                Ok(resource) | Err((resource, _)) => resource,
            };
            check_locale(specs, locale, file, source, &resource, &mut mistakes);
            violations.read(locale, file, source, &resource);
        }
        violations.check(&mut mistakes);
        finish(mistakes)
    }
}

/// Every mistake of `(locale, Fluent source)` pairs against `specs`, syntax errors included
/// (which [`Translations::parse`] refuses): one call for a test or a CI step.
///
/// # Errors
/// The mistakes.
pub fn check<L, S>(sources: impl IntoIterator<Item = (L, S)>, specs: &[ErrorSpec]) -> Result<(), Vec<Mistake>>
where
    L: AsRef<str>,
    S: Into<String>,
{
    let mut mistakes = codes_that_cannot_be_ids(specs);
    let mut violations = ViolationMessages::default();
    for (locale, source) in sources {
        let file = std::format!("{}.ftl", locale.as_ref());
        if let Some(read) = read(locale.as_ref(), file, source.into(), &mut mistakes) {
            check_locale(
                specs,
                &read.tag,
                &read.file,
                &read.source,
                &read.resource,
                &mut mistakes,
            );
            violations.read(&read.tag, &read.file, &read.source, &read.resource);
        }
    }
    violations.check(&mut mistakes);
    finish(mistakes)
}

/// The translations of violation codes (`violation-<code>`) in every locale. Violations are
/// made at run time, so no catalogue lists their codes; what can be checked is that the
/// locales agree: each translated in every locale, with the variables (the violation's
/// parameters) of the first locale that has it.
#[derive(Default)]
struct ViolationMessages {
    /// (locale, file, message id, line, variables).
    found: Vec<(String, String, String, usize, Vec<String>)>,
    locales: Vec<String>,
}

impl ViolationMessages {
    fn read(&mut self, locale: &str, file: &str, source: &str, resource: &FluentResource) {
        self.locales.push(locale.to_owned());
        for entry in resource.entries() {
            let ast::Entry::Message(message) = entry else {
                continue;
            };
            let id = message.id.name;
            if !id.starts_with(super::VIOLATION_PREFIX) || message.value.is_none() {
                continue;
            }
            let mut variables = Vec::new();
            if let Some(value) = &message.value {
                pattern_variables(value, &mut variables);
            }
            let mut variables: Vec<String> = variables.into_iter().map(str::to_owned).collect();
            variables.sort_unstable();
            variables.dedup();
            let line = line_of_message(source, id, 0);
            self.found
                .push((locale.to_owned(), file.to_owned(), id.to_owned(), line, variables));
        }
    }

    fn check(self, mistakes: &mut Vec<Mistake>) {
        let mut ids: Vec<&str> = self.found.iter().map(|f| f.2.as_str()).collect();
        ids.dedup();
        let mut checked: Vec<&str> = Vec::new();
        for id in ids {
            if checked.contains(&id) {
                continue;
            }
            checked.push(id);
            let in_locales: Vec<_> = self.found.iter().filter(|f| f.2 == id).collect();
            let reference = &in_locales[0].4;
            for locale in &self.locales {
                if !in_locales.iter().any(|f| &f.0 == locale) {
                    mistakes.push(Mistake::Missing {
                        code: id.to_owned(),
                        locale: locale.clone(),
                    });
                }
            }
            for (locale, file, _, line, variables) in &in_locales[1..] {
                for variable in variables.iter().filter(|v| !reference.contains(v)) {
                    mistakes.push(Mistake::UnknownVariable {
                        code: id.to_owned(),
                        variable: variable.clone(),
                        locale: locale.clone(),
                        file: file.clone(),
                        line: *line,
                    });
                }
            }
        }
    }
}

fn finish(mistakes: Vec<Mistake>) -> Result<(), Vec<Mistake>> {
    if mistakes.is_empty() {
        Ok(())
    } else {
        Err(mistakes)
    }
}

fn codes_that_cannot_be_ids(specs: &[ErrorSpec]) -> Vec<Mistake> {
    specs
        .iter()
        .filter(|s| !is_identifier(s.code()))
        .map(|s| Mistake::NotAnIdentifier {
            code: s.code().to_string(),
        })
        .collect()
}

fn check_locale(
    specs: &[ErrorSpec],
    locale: &str,
    file: &str,
    source: &str,
    resource: &FluentResource,
    mistakes: &mut Vec<Mistake>,
) {
    let mut translated: Vec<&str> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for entry in resource.entries() {
        let ast::Entry::Message(message) = entry else {
            continue;
        };
        let code = message.id.name;
        let line = line_of_message(source, code, seen.iter().filter(|s| **s == code).count());
        if seen.contains(&code) {
            mistakes.push(Mistake::DuplicateCode {
                code: code.to_string(),
                locale: locale.to_string(),
                file: file.to_string(),
                line,
            });
            continue;
        }
        seen.push(code);
        // A violation's translation: checked across locales (`ViolationMessages`).
        if code.starts_with(super::VIOLATION_PREFIX) {
            continue;
        }
        let Some(spec) = specs.iter().find(|s| s.code() == code) else {
            mistakes.push(Mistake::UnknownCode {
                code: code.to_string(),
                locale: locale.to_string(),
                file: file.to_string(),
                line,
            });
            continue;
        };
        if message.value.is_some() {
            translated.push(code);
        }
        let mut variables = Vec::new();
        if let Some(value) = &message.value {
            pattern_variables(value, &mut variables);
        }
        for attribute in &message.attributes {
            pattern_variables(&attribute.value, &mut variables);
        }
        variables.sort_unstable();
        variables.dedup();
        for variable in variables {
            if spec.variables().contains(&variable) {
                continue;
            }
            let (code, variable, locale, file) = (
                code.to_string(),
                variable.to_string(),
                locale.to_string(),
                file.to_string(),
            );
            mistakes.push(if spec.sensitive().contains(&variable.as_str()) {
                Mistake::SensitiveVariable {
                    code,
                    variable,
                    locale,
                    file,
                    line,
                }
            } else {
                Mistake::UnknownVariable {
                    code,
                    variable,
                    locale,
                    file,
                    line,
                }
            });
        }
    }
    for spec in specs {
        if is_identifier(spec.code()) && !translated.contains(&spec.code()) {
            mistakes.push(Mistake::Missing {
                code: spec.code().to_string(),
                locale: locale.to_string(),
            });
        }
    }
}

/// The variables a pattern uses, selectors and call arguments included.
fn pattern_variables<'s>(pattern: &ast::Pattern<&'s str>, out: &mut Vec<&'s str>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables<'s>(expression: &ast::Expression<&'s str>, out: &mut Vec<&'s str>) {
    match expression {
        ast::Expression::Inline(inline) => inline_variables(inline, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
    }
}

fn inline_variables<'s>(inline: &ast::InlineExpression<&'s str>, out: &mut Vec<&'s str>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => out.push(id.name),
        ast::InlineExpression::FunctionReference { arguments, .. }
        | ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => call_variables(arguments, out),
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

fn call_variables<'s>(arguments: &ast::CallArguments<&'s str>, out: &mut Vec<&'s str>) {
    for argument in &arguments.positional {
        inline_variables(argument, out);
    }
    for named in &arguments.named {
        inline_variables(&named.value, out);
    }
}

/// Whether `code` can be a Fluent message id.
fn is_identifier(code: &str) -> bool {
    let mut bytes = code.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The 1-based line of byte `offset` (an error at the very end is on the last line of text,
/// not on the empty line after the final newline).
pub(crate) fn line_of(source: &str, offset: usize) -> usize {
    let end = offset.min(source.trim_end().len());
    #[allow(clippy::naive_bytecount)] // once per syntax error: not worth a dependency
    let newlines = source.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count();
    newlines + 1
}

/// The line the `nth` (0-based) message `id = …` starts on (fluent's AST keeps no
/// positions).
fn line_of_message(source: &str, id: &str, nth: usize) -> usize {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            line.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .nth(nth)
        .map_or(1, |(index, _)| index + 1)
}

/// The `<locale>.ftl` files of `dir`, as `(locale, path, text)`, sorted by path.
pub(crate) fn read_dir(dir: &Path) -> (Vec<(String, String, String)>, Vec<Mistake>) {
    let mut sources = Vec::new();
    let mut mistakes = Vec::new();
    let unreadable = |path: &Path, error: &dyn fmt::Display| Mistake::Unreadable {
        file: path.display().to_string(),
        message: error.to_string(),
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => return (sources, std::vec![unreadable(dir, &error)]),
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    paths.sort();
    for path in paths {
        let Some(locale) = path.file_stem().and_then(|s| s.to_str()).map(String::from) else {
            continue;
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => sources.push((locale, path.display().to_string(), text)),
            Err(error) => mistakes.push(unreadable(&path, &error)),
        }
    }
    (sources, mistakes)
}
