//! The feedback survey app (feedback.html), served for `/feedback/…`.

fn main() {
    recovery_colleges::app::start(
        recovery_colleges::app::Site::Feedback,
        recovery_colleges::english_of!("feedback"),
        recovery_colleges::app::FeedbackApp,
    );
}
