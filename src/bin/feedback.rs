//! The feedback survey app (feedback.html), served for `/feedback/…`.

fn main() {
    recovery_colleges::app::start(
        api::routes::App::Survey,
        recovery_colleges::english_of!("feedback"),
        recovery_colleges::app::FeedbackApp,
    );
}
