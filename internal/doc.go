// Package internal is the root of the workbook's shared machinery: the
// simulated internet (simnet), the golden-file helper (golden), the ASCII
// timeline (timeline) and the exercise runner (exercise). Lessons import its
// subpackages; nothing here is meant for learners to edit.
package internal
