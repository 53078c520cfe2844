//! A college's page (college.html), served for `/colleges/{slug}`.

fn main() {
    recovery_colleges::app::start(
        recovery_colleges::app::Site::College,
        recovery_colleges::english_of!("college"),
        recovery_colleges::app::CollegeApp,
    );
}
