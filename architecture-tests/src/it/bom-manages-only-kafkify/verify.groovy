// The build failed (invoker.buildResult); check that it failed because the BOM manages Kafkify's
// modules and nothing else, not for some unrelated reason such as an unresolvable BOM.
String log = new File(basedir, 'build.log').text

def missingVersion = { String coordinates -> log.contains("'dependencies.dependency.version' for ${coordinates}:jar is missing") }

assert !log.contains('Non-resolvable import POM') : 'kafkify-bom could not be imported'
assert !missingVersion('io.kafkify:consumers-router') : 'kafkify-bom does not manage consumers-router'
assert missingVersion('org.apache.kafka:kafka-clients') : 'kafkify-bom manages kafka-clients; it must manage only Kafkify artifacts'
assert missingVersion('com.fasterxml.jackson.core:jackson-databind') : 'kafkify-bom manages jackson-databind; it must manage only Kafkify artifacts'
return true
