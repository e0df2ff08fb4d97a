// The quality gate must have failed the build with both accuracies and the setting, and packaged no student.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
def errors = log.readLines().findAll { it.startsWith('[ERROR]') }
def gate = errors.find { it.contains('dev accuracy') && it.contains("of the teacher's") && it.contains('minRetention') }
assert gate != null : "no [ERROR] line reports the quality gate:\n${errors.join('\n')}"

// The accuracies in the message are those the evaluation measured (the report is written before the gate).
def report = new JsonSlurper().parse(new File(basedir, 'target/distill/sentiment/report.json'), 'UTF-8')
def accuracy = { role -> report.models.find { it.role == role }.accuracy as double }
[accuracy('student-int8'), accuracy('teacher')].each { value ->
    assert gate.contains(String.format(Locale.ROOT, '%.4f', value)) : "the message lacks the accuracy ${value}: ${gate}"
}
assert gate.contains('minRetention = 1.0') : "the message lacks minRetention = 1.0: ${gate}"

def distill = new File(basedir, 'target/classes/META-INF/distill')
assert distill.list() as List == ['descriptors'] : "besides the descriptors, ${distill} holds ${distill.list()}"
return true
