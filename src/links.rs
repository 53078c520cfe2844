//! Every internal link the apps build: the directory with its filters, a
//! college's page, a college's survey and its poster. Pages call these
//! rather than formatting paths themselves, so a path changes in one place.

use api::surveys::SurveyId;
use api::CollegeQuery;

use crate::i18n::Lang;

/// `/colleges` with the query's filters, if any.
pub fn directory(query: &CollegeQuery) -> String {
    let qs = query.to_query_string();
    if qs.is_empty() {
        "/colleges".into()
    } else {
        format!("/colleges?{qs}")
    }
}

/// A college's page.
pub fn college(slug: &str) -> String {
    format!("/colleges/{slug}")
}

/// The public form for suggesting a change to a college's entry, with the
/// college chosen.
pub fn suggest_change(slug: &str) -> String {
    format!("/join/suggest?college={slug}")
}

/// What a tutor's link says: the college, which survey, the course or
/// session and its date, and the language.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedbackLink {
    pub college: String,
    pub survey: String,
    /// Only with a signature: an unsigned `?course=` is ignored.
    pub course: Option<String>,
    /// The staff's signature for the course, shaped right (whether it is
    /// good is the server's to say: [`FeedbackLink::course_link`]).
    pub sig: Option<String>,
    pub date: Option<String>,
    /// `?lang=`: the language the link asks for, if any. Without it the
    /// survey opens in the student's own choice or the college's language.
    pub lang: Option<Lang>,
}

impl FeedbackLink {
    /// The link a page was opened with: the college from its path, the
    /// rest from its query string.
    pub fn parse(college: String, search: &str) -> Self {
        let pairs = api::query_string::parse(search);
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, v)| k == name && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        };
        let sig = get("sig").filter(|s| api::surveys::is_sig_shaped(s));
        Self {
            college,
            survey: get("survey").unwrap_or_else(|| SurveyId::default().as_str().into()),
            // Shown on the survey's pages: nothing hidden or reordering.
            course: get("course")
                .filter(|_| sig.is_some())
                .and_then(|c| api::surveys::link_course(&c)),
            sig,
            date: get("date").filter(|d| api::surveys::is_valid_date(d)),
            lang: get("lang").as_deref().and_then(Lang::parse),
        }
    }

    /// The link's own query string, so every page of the survey keeps it.
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if self.survey != SurveyId::default().as_str() {
            pairs.push(("survey", &self.survey));
        }
        if let (Some(c), Some(sig)) = (&self.course, &self.sig) {
            pairs.push(("course", c));
            pairs.push(("sig", sig));
        }
        if let Some(d) = &self.date {
            pairs.push(("date", d));
        }
        if let Some(l) = self.lang {
            pairs.push(("lang", l.tag()));
        }
        api::query_string::write(pairs)
    }

    /// `/feedback/{college}{page}` with the link's query.
    pub fn url(&self, page: &str) -> String {
        let q = self.query();
        let sep = if q.is_empty() { "" } else { "?" };
        format!("/feedback/{}{page}{sep}{q}", self.college)
    }

    /// The course and its signature, for the server to check before the
    /// course is shown.
    pub fn course_link(&self) -> Option<api::surveys::CourseLink> {
        Some(api::surveys::CourseLink {
            college: self.college.clone(),
            survey: self.survey.clone(),
            course: self.course.clone()?,
            sig: self.sig.clone()?,
        })
    }

    pub fn with_lang(&self, lang: Lang) -> Self {
        Self {
            lang: Some(lang),
            ..self.clone()
        }
    }

    /// The survey's start page.
    pub fn start(&self) -> String {
        self.url("")
    }

    /// The printable poster with the link as a QR code.
    pub fn poster(&self) -> String {
        self.url("/poster")
    }
}

/// The survey link a college's page and the staff side give out: the
/// college's default survey, no course or date.
pub fn survey(college: &str) -> FeedbackLink {
    FeedbackLink::parse(college.to_string(), "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survey_links_carry_only_what_differs_from_the_default() {
        assert_eq!(survey("bern").start(), "/feedback/bern");
        assert_eq!(survey("bern").poster(), "/feedback/bern/poster");
        let link = FeedbackLink {
            survey: SurveyId::SessionFeedback.as_str().into(),
            course: Some("Hope & sleep".into()),
            sig: Some("0123456789abcdef01234567".into()),
            date: Some("2026-11-26".into()),
            ..survey("bern")
        };
        assert_eq!(
            link.start(),
            "/feedback/bern?survey=session-feedback&course=Hope+%26+sleep&sig=0123456789abcdef01234567&date=2026-11-26"
        );
        assert_eq!(FeedbackLink::parse("bern".into(), &link.query()), link);
        assert_eq!(
            FeedbackLink::parse("bern".into(), "survey=course-feedback&course=+&lang=de").start(),
            "/feedback/bern?lang=de"
        );
    }

    #[test]
    fn a_course_without_a_signature_is_ignored() {
        for query in [
            "course=URGENT+text+your+NHS+number",
            "course=URGENT&sig=",
            "course=URGENT&sig=not-a-signature",
            "course=URGENT&sig=0123456789ABCDEF01234567",
        ] {
            let link = FeedbackLink::parse("bern".into(), query);
            assert_eq!(link.course, None, "{query}");
            assert_eq!(link.course_link(), None, "{query}");
            assert_eq!(link.start(), "/feedback/bern", "{query}");
        }
    }

    #[test]
    fn directory_links_keep_only_set_filters() {
        assert_eq!(
            directory(&CollegeQuery::from_pairs([]).unwrap()),
            "/colleges"
        );
        let query = CollegeQuery {
            q: "bern".into(),
            ..CollegeQuery::from_pairs([]).unwrap()
        };
        assert_eq!(directory(&query), "/colleges?q=bern");
        assert_eq!(
            college("recovery-college-bern"),
            "/colleges/recovery-college-bern"
        );
    }
}
