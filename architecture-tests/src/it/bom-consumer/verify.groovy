// The build passed: the modules got their versions from kafkify-bom. Check that the class using
// ConsumerRouter was indeed compiled, so that a passing build cannot mean an empty one.
assert new File(basedir, 'target/classes/com/example/bomconsumer/PeopleRoutes.class').isFile()
return true
