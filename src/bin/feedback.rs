//! The feedback survey app (feedback.html), served for `/feedback/…`.

fn main() {
    recovery_colleges::app::start_survey(recovery_colleges::app::FeedbackApp);
}
