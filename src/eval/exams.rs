//! exams
