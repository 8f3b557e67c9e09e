//! The workspace, as `cargo metadata` describes it: where it is, which of its crates use
//! errwire (and so declare error codes), how they name errwire, their versions, and the
//! `errwire` metadata tables that change the rules' severities.

use std::path::{Path, PathBuf};
use std::process::Command;

use errwire::catalogue::Rules;
use serde_json::Value;

use crate::Failure;

/// The features the probe turns on: `registry` lists the codes, `contract` writes them (JSON,
/// Markdown, TypeScript, HTML) and `openapi` writes them as a document.
const PROBE_FEATURES: [&str; 3] = ["registry", "contract", "openapi"];

/// A crate of the workspace that depends on errwire.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    /// The package's name.
    pub(crate) package: String,
    /// Its library's crate name (`my_service`), which the probe links.
    pub(crate) lib: String,
    /// Its directory.
    pub(crate) dir: PathBuf,
    /// Its version.
    pub(crate) version: String,
}

/// What the tool needs to know of a workspace.
#[derive(Debug)]
pub(crate) struct Workspace {
    /// The workspace root.
    pub(crate) root: PathBuf,
    /// Cargo's target directory, shared with the probe so dependencies build once.
    pub(crate) target: PathBuf,
    /// The crates that use errwire and have a library.
    pub(crate) members: Vec<Member>,
    /// Where the probe finds errwire: a path (`path = "…"`) or a version requirement.
    pub(crate) errwire: String,
    /// The features that errwire declares, when known: from the workspace's own metadata
    /// when errwire is a member, else from the resolved dependency graph.
    pub(crate) errwire_features: Option<Vec<String>>,
    /// `[workspace.metadata.errwire]`, then each member's `[package.metadata.errwire]`.
    pub(crate) rules: Rules,
}

impl Workspace {
    /// The workspace of `manifest` (else of the current directory).
    pub(crate) fn read(manifest: Option<&Path>) -> Result<Self, Failure> {
        let mut workspace = Self::from_metadata(&metadata(manifest, true)?)?;
        if workspace.errwire_features.is_none() {
            // errwire is a dependency: ask the resolved graph which version it is. If that
            // fails, `errwire_dependency` asks for every feature the probe uses.
            workspace.errwire_features = metadata(manifest, false).ok().and_then(|m| declared_features(&m));
        }
        Ok(workspace)
    }

    /// How the probe depends on errwire: where it is and the features it turns on, only those
    /// that errwire declares (an errwire from before `contract` and `openapi` were features —
    /// an earlier commit of errwire's own workspace, read by `check --against` — compiles their
    /// items by default and would refuse to be asked for them).
    pub(crate) fn errwire_dependency(&self) -> String {
        let features: Vec<String> = PROBE_FEATURES
            .iter()
            .filter(|feature| {
                self.errwire_features
                    .as_ref()
                    .is_none_or(|declared| declared.iter().any(|name| name == *feature))
            })
            .map(|feature| toml_string(feature))
            .collect();
        format!("{}, features = [{}]", self.errwire, features.join(", "))
    }

    fn from_metadata(metadata: &Value) -> Result<Self, Failure> {
        let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
        let root = PathBuf::from(text(&metadata["workspace_root"]));
        let target = PathBuf::from(text(&metadata["target_directory"]));
        let packages = metadata["packages"].as_array().cloned().unwrap_or_default();
        let mut members = Vec::new();
        let mut errwire = None;
        let mut rules = Rules::new();
        if let Some(table) = metadata["metadata"].get("errwire") {
            rules = Rules::from_metadata(table)?;
        }
        for package in &packages {
            let name = text(&package["name"]);
            let dir = PathBuf::from(text(&package["manifest_path"]))
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            if name == "errwire" {
                // This is errwire's own workspace: the probe uses this copy.
                errwire = Some(format!("path = {}", toml_string(&dir.display().to_string())));
            }
            let dependency = package["dependencies"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|d| d["name"] == "errwire" && d["kind"].is_null());
            let Some(dependency) = dependency else { continue };
            if errwire.is_none() {
                errwire = Some(match dependency["path"].as_str() {
                    Some(path) => format!("path = {}", toml_string(path)),
                    None => format!(
                        "version = {}",
                        toml_string(dependency["req"].as_str().unwrap_or("*"))
                    ),
                });
            }
            let lib = package["targets"].as_array().into_iter().flatten().find(|t| {
                t["kind"]
                    .as_array()
                    .is_some_and(|k| k.iter().any(|k| k == "lib" || k == "rlib"))
            });
            let Some(lib) = lib else {
                eprintln!(
                    "cargo errwire: skipping `{name}`: no library target to link (its errors are not in the catalogue)"
                );
                continue;
            };
            if let Some(table) = package["metadata"].get("errwire") {
                let own =
                    Rules::from_metadata(table).map_err(|e| Failure(format!("package `{name}`: {e}")))?;
                rules = rules.merge(own);
            }
            members.push(Member {
                package: name,
                lib: text(&lib["name"]).replace('-', "_"),
                dir,
                version: text(&package["version"]),
            });
        }
        let errwire =
            errwire.ok_or_else(|| Failure("no crate of this workspace depends on errwire".into()))?;
        Ok(Self {
            root,
            target,
            members,
            errwire,
            errwire_features: declared_features(metadata),
            rules,
        })
    }

    /// The member whose library is `lib`.
    pub(crate) fn member(&self, lib: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.lib == lib)
    }
}

/// The cargo that ran us (`CARGO`), else `cargo` on the path.
pub(crate) fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// `cargo metadata` of the workspace of `manifest`: its members only (`--no-deps`), or the
/// whole resolved graph.
fn metadata(manifest: Option<&Path>, no_deps: bool) -> Result<Value, Failure> {
    let mut command = Command::new(cargo());
    command.args(["metadata", "--format-version", "1"]);
    if no_deps {
        command.arg("--no-deps");
    }
    if let Some(manifest) = manifest {
        command.arg("--manifest-path").arg(manifest);
    }
    let output = command.output()?;
    if !output.status.success() {
        return Err(Failure(format!(
            "cargo metadata failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    Ok(serde_json::from_slice(&output.stdout)?)
}

/// The features of the errwire this workspace builds: the member `errwire` (errwire's own
/// workspace), else the package that the first member depending on errwire (as a normal
/// dependency) resolves it to — the one the probe's `errwire` names, whichever other versions
/// the graph holds. `None` when `metadata` does not say (`--no-deps` of a user's workspace).
fn declared_features(metadata: &Value) -> Option<Vec<String>> {
    let packages = metadata["packages"].as_array()?;
    let members = metadata["workspace_members"].as_array()?;
    let features = |package: &Value| -> Option<Vec<String>> {
        package["features"]
            .as_object()
            .map(|features| features.keys().cloned().collect())
    };
    let member = |package: &&Value| members.contains(&package["id"]);
    if let Some(own) = packages.iter().filter(member).find(|p| p["name"] == "errwire") {
        return features(own);
    }
    let nodes = metadata["resolve"]["nodes"].as_array()?;
    let is_errwire = |id: &Value| packages.iter().any(|p| &p["id"] == id && p["name"] == "errwire");
    let resolved = packages.iter().filter(member).find_map(|package| {
        let node = nodes.iter().find(|node| node["id"] == package["id"])?;
        node["deps"].as_array()?.iter().find_map(|dep| {
            let normal = dep["dep_kinds"]
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|k| k["kind"].is_null()));
            (normal && is_errwire(&dep["pkg"])).then_some(&dep["pkg"])
        })
    })?;
    packages.iter().find(|p| &p["id"] == resolved).and_then(features)
}

/// `text` as a TOML basic string.
pub(crate) fn toml_string(text: &str) -> String {
    // A JSON string is a valid TOML basic string for every character JSON escapes.
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::{Workspace, declared_features};

    /// A package as `cargo metadata` lists it, declaring `features`.
    fn errwire(id: &str, features: &[&str]) -> Value {
        let features: serde_json::Map<String, Value> =
            features.iter().map(|f| ((*f).to_owned(), json!([]))).collect();
        json!({
            "id": id, "name": "errwire", "version": "0.1.0", "manifest_path": "/w/runtime/Cargo.toml",
            "dependencies": [], "targets": [], "features": features,
        })
    }

    /// `cargo metadata --no-deps` of a workspace with one member, `svc`, which depends on
    /// errwire; with errwire a member too when `own` declares its features.
    fn metadata(own: Option<&[&str]>) -> Value {
        let svc = json!({
            "id": "svc", "name": "svc", "version": "1.0.0", "manifest_path": "/w/svc/Cargo.toml",
            "dependencies": [{"name": "errwire", "kind": null, "req": "^0.1", "path": null}],
            "targets": [{"name": "svc", "kind": ["lib"]}],
        });
        let mut packages = vec![svc];
        let mut members = vec![json!("svc")];
        if let Some(features) = own {
            packages.push(errwire("errwire-own", features));
            members.push(json!("errwire-own"));
        }
        json!({
            "workspace_root": "/w", "target_directory": "/w/target",
            "packages": packages, "workspace_members": members,
        })
    }

    #[test]
    fn the_probe_asks_an_errwire_only_for_the_features_it_declares() {
        // errwire's own workspace: errwire is a member, its features in the members' metadata.
        let old = Workspace::from_metadata(&metadata(Some(&["default", "registry", "tower"]))).unwrap();
        assert_eq!(
            old.errwire_dependency(),
            r#"path = "/w/runtime", features = ["registry"]"#
        );
        let new = Workspace::from_metadata(&metadata(Some(&["registry", "contract", "openapi"]))).unwrap();
        assert_eq!(
            new.errwire_dependency(),
            r#"path = "/w/runtime", features = ["registry", "contract", "openapi"]"#
        );
        // A user's workspace: errwire is a dependency, so the members' metadata does not say;
        // `read` then takes its features from the resolved graph (here an older errwire).
        let mut user = Workspace::from_metadata(&metadata(None)).unwrap();
        assert_eq!(user.errwire_features, None);
        let resolved = json!({
            "workspace_members": ["svc"],
            "packages": [{"id": "svc", "name": "svc"}, errwire("errwire-old", &["registry"])],
            "resolve": {"nodes": [{"id": "svc", "deps": [{"pkg": "errwire-old", "dep_kinds": [{"kind": null}]}]}]},
        });
        user.errwire_features = declared_features(&resolved);
        assert_eq!(
            user.errwire_dependency(),
            r#"version = "^0.1", features = ["registry"]"#
        );
        // When the graph cannot be read, the probe asks for every feature it uses.
        user.errwire_features = None;
        assert_eq!(
            user.errwire_dependency(),
            r#"version = "^0.1", features = ["registry", "contract", "openapi"]"#
        );
    }

    #[test]
    fn the_features_are_those_of_the_errwire_the_member_resolves_to() {
        // Two errwire versions in the graph: an older one pulled in by a dependency (listed
        // first), and the one `svc` depends on; a dev-dependency on a third is not the probe's.
        let graph = json!({
            "workspace_members": ["svc"],
            "packages": [
                errwire("errwire-old", &["registry"]),
                {"id": "svc", "name": "svc"},
                {"id": "dep", "name": "dep"},
                errwire("errwire-new", &["registry", "contract", "openapi"]),
                errwire("errwire-dev", &["registry", "client"]),
            ],
            "resolve": {"nodes": [
                {"id": "dep", "deps": [{"pkg": "errwire-old", "dep_kinds": [{"kind": null}]}]},
                {"id": "svc", "deps": [
                    {"pkg": "errwire-dev", "dep_kinds": [{"kind": "dev"}]},
                    {"pkg": "dep", "dep_kinds": [{"kind": null}]},
                    {"pkg": "errwire-new", "dep_kinds": [{"kind": null}]},
                ]},
            ]},
        });
        let mut features = declared_features(&graph).unwrap();
        features.sort();
        assert_eq!(features, ["contract", "openapi", "registry"]);
        // A graph without errwire says nothing.
        assert_eq!(
            declared_features(&json!({"workspace_members": [], "packages": [], "resolve": {"nodes": []}})),
            None
        );
    }
}
