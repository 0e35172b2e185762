//! Role families: the closed set of kinds of role that questions and tips are tagged with.

use super::Content;
use super::collection::{Collection, cited_item};
use super::occupation::CodeError;
use super::params::NoParams;
use super::problem::Report;

/// The family that stands for every role: an item tagged with it suits any job.
pub const ANY_ROLE: &str = "any";

cited_item! {
    /// A kind of role (engineering, sales, healthcare…), so a job board can show the questions
    /// and tips that fit the listing. The family `any` marks items that suit every role.
    pub struct RoleFamily, example = "engineering", ordered {
        /// Display name.
        #[schema(example = "Engineering")]
        [one] pub name: String,
        /// Which roles belong to the family.
        [one] pub description: String,
    }
}

impl Collection for RoleFamily {
    const DESCRIPTION: &'static str =
        "The kinds of role questions and tips are tagged with; `any` marks what suits every role.";
    type Filters = NoParams;
}

/// Whether an item tagged with `families` suits the role family `wanted`: it names it, or it
/// suits any role. Asking for `any` itself finds the items that suit every role.
pub fn suits(families: &[String], wanted: &str) -> bool {
    families.iter().any(|family| family == wanted || family == ANY_ROLE)
}

/// A list of role families names at least one, and `any` only on its own.
pub fn check_role_families(report: &mut Report<'_>, families: &[String]) {
    report.non_empty("role_families", families);
    if families.len() > 1 && families.iter().any(|family| family == ANY_ROLE) {
        report.add(Some("role_families"), "`any` already covers every family; list it alone");
    }
}

/// A listing's role as a client may give it: a role family, an occupation code and a job title,
/// each optional; every one given must suit an item for it to be shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct RoleScope<'a> {
    /// A role family id.
    pub role_family: Option<&'a String>,
    /// An occupation code (see [`super::occupation::CODE_FORMS`]).
    pub occupation: Option<&'a str>,
    /// A job title.
    pub job_title: Option<&'a str>,
}

/// Why an occupation code cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeError {
    /// The parameter that carried it.
    pub parameter: &'static str,
    /// The code as given.
    pub code: String,
    /// Whether it is malformed or names no group.
    pub kind: CodeError,
}

impl RoleScope<'_> {
    /// The role families each of `occupation` and `job_title` stands for, in that order.
    pub fn resolve(&self, content: &Content) -> Result<Vec<Vec<String>>, ScopeError> {
        let mut resolved = Vec::new();
        if let Some(code) = self.occupation {
            let resolution = content.occupations.resolve_code(code).map_err(|kind| ScopeError {
                parameter: "occupation",
                code: code.to_owned(),
                kind,
            })?;
            resolved.push(resolution.role_families);
        }
        if let Some(title) = self.job_title {
            resolved.push(content.occupations.resolve_title(title).role_families);
        }
        Ok(resolved)
    }

    /// Whether an item tagged `families` suits the role family given and every resolved set.
    pub fn suits(&self, families: &[String], resolved: &[Vec<String>]) -> bool {
        self.role_family.is_none_or(|family| suits(families, family))
            && resolved.iter().all(|set| set.iter().any(|family| suits(families, family)))
    }
}

/// Declares the filters of a role-aware answer (the tip and question lists, the kit) with
/// [`params!`](super::params::params): its own fields, then `role_family`, `occupation` and
/// `job_title`, documented and read once here, with how they are resolved against the content
/// and applied.
macro_rules! role_filters {
    ($(#[$meta:meta])* pub struct $name:ident { $($fields:tt)* } $(checked_by $check:path;)?) => {
        $crate::content::params::params! {
            $(#[$meta])*
            #[derive(Debug, Default, PartialEq, Eq)]
            pub struct $name {
                $($fields)*
                /// Only items that suit this role family (items for any role included; `any` gives only those).
                #[param(example = "engineering")]
                pub role_family: Option<String> = id,
                /// Only items that suit the occupation with this code: an O*NET-SOC code (`15-1252.00`), a SOC 2018 code or group (`15-1252`, `15-1250`, `15-0000`), or an ISCO-08 code (`2512`); the longest matching group decides.
                #[param(example = "15-1252.00", max_length = 10, pattern = r"^(\d{2}-\d{4}(\.\d{2})?|\d{1,4})$")]
                pub occupation: Option<String> = code,
                /// Only items that suit this job title (`Senior Account Executive`): 1 to 200 characters, at least one a letter or digit of any script; a title that names no known role keeps only items for any role.
                #[param(example = "Senior Account Executive", min_length = 1, max_length = 200)]
                pub job_title: Option<String> = job_title,
            }
            derived {
                /// The role families `occupation` and `job_title` stand for, once resolved.
                pub resolved: Vec<Vec<String>>,
            }
            $(checked_by $check;)?
        }

        impl $name {
            /// The role the answer is for, as given.
            pub fn scope(&self) -> $crate::content::role_family::RoleScope<'_> {
                $crate::content::role_family::RoleScope {
                    role_family: self.role_family.as_ref(),
                    occupation: self.occupation.as_deref(),
                    job_title: self.job_title.as_deref(),
                }
            }

            /// Resolves the occupation code and job title against `content`.
            pub fn resolve_roles(
                &mut self,
                content: &$crate::content::Content,
            ) -> Result<(), $crate::content::role_family::ScopeError> {
                self.resolved = self.scope().resolve(content)?;
                Ok(())
            }

            /// Whether an item tagged with `families` suits the role.
            pub fn suits_role(&self, families: &[String]) -> bool {
                self.scope().suits(families, &self.resolved)
            }

            /// The role family given, as a reference to check.
            pub fn role_reference(&self) -> $crate::content::Reference<'_> {
                $crate::content::Reference::to::<$crate::content::RoleFamily>("role_family", self.role_family.as_slice())
            }
        }
    };
}

pub(crate) use role_filters;
