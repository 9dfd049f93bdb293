package com.bestever;

import com.bestever.system.RequestCarriers;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BestEverApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BestEverApplication.class);
        // Before the first virtual thread: kept pages keep a carrier free of rendering work.
        application.addListeners(new RequestCarriers());
        application.run(args);
    }
}
