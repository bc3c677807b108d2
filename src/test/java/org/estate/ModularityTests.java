package org.estate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module structure is a checked fact: a cycle or a reach into another module's internals fails. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(EstateApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        Documenter documenter = new Documenter(modules);
        documenter.writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
        assertThat(Path.of("target/spring-modulith-docs/components.puml")).exists()
            .content().contains("Identity", "Platform");
    }
}
