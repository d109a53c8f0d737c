package io.rewardloop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.rewardloop.architecture.fixture.retrainer.RetrainerPart;
import io.rewardloop.architecture.fixture.scorer.ScorerPartImportingRetrainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, checked on the compiled classes of every module: services never import
 * each other (what two services share lives in a module below them), and the modules below the
 * services import no service and not the launcher.
 */
class ModuleBoundariesTest {

    /** Service packages: each one a module of its own that no other service may import. */
    static final List<String> SERVICES =
            List.of(
                    "io.rewardloop.scorer",
                    "io.rewardloop.feedback",
                    "io.rewardloop.retrainer",
                    "io.rewardloop.registry",
                    "io.rewardloop.status");

    /** Shared modules below the services. */
    static final List<String> SHARED =
            List.of(
                    "io.rewardloop.common",
                    "io.rewardloop.kafka",
                    "io.rewardloop.schemas",
                    "io.rewardloop.events",
                    "io.rewardloop.model",
                    "io.rewardloop.service",
                    "io.rewardloop.channel");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.rewardloop");
    }

    @Test
    void shouldSeeTheClassesOfEveryServiceAndSharedModule() {
        for (String pkg :
                List.of(
                        "io.rewardloop.scorer",
                        "io.rewardloop.service",
                        "io.rewardloop.channel",
                        "io.rewardloop.model",
                        "io.rewardloop.schemas")) {
            assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("classes of %s imported", pkg)
                    .isTrue();
        }
    }

    @Test
    void servicesShouldNotImportEachOther() {
        for (ArchRule rule : serviceRules()) {
            rule.check(production);
        }
    }

    @Test
    void sharedModulesShouldNotImportServicesOrTheLauncher() {
        sharedRule().check(production);
    }

    @Test
    void shouldFailWhenOneServiceImportsAnother() {
        JavaClasses violating =
                new ClassFileImporter()
                        .importClasses(ScorerPartImportingRetrainer.class, RetrainerPart.class);
        List<ArchRule> rules = serviceRulesFor("io.rewardloop.architecture.fixture.");
        assertThatThrownBy(() -> rules.forEach(rule -> rule.check(violating)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ScorerPartImportingRetrainer")
                .hasMessageContaining("RetrainerPart");
    }

    static List<ArchRule> serviceRules() {
        return serviceRulesFor("io.rewardloop.");
    }

    /** One rule per service: it may not depend on any other service. */
    private static List<ArchRule> serviceRulesFor(String base) {
        List<String> services = List.of(base + "scorer", base + "feedback", base + "retrainer");
        List<ArchRule> rules = new ArrayList<>();
        for (String service : services) {
            String[] others =
                    services.stream()
                            .filter(s -> !s.equals(service))
                            .map(s -> s + "..")
                            .toArray(String[]::new);
            rules.add(
                    noClasses()
                            .that()
                            .resideInAPackage(service + "..")
                            .should()
                            .dependOnClassesThat()
                            .resideInAnyPackage(others)
                            .because(
                                    "services never import each other; share through a module below them")
                            .allowEmptyShould(true));
        }
        return rules;
    }

    private static ArchRule sharedRule() {
        String[] upper = SERVICES.stream().map(s -> s + "..").toArray(String[]::new);
        String[] forbidden =
                java.util.stream.Stream.concat(
                                java.util.Arrays.stream(upper),
                                java.util.stream.Stream.of("io.rewardloop.launcher.."))
                        .toArray(String[]::new);
        String[] shared = SHARED.stream().map(s -> s + "..").toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAnyPackage(shared)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden)
                .because("shared modules sit below the services and the launcher");
    }
}
