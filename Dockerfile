# Builds the gateway jar and runs it with the administrator-editable folders beside it.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src src
RUN mvn -q -B package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/support-gateway-*.jar /app/gateway.jar
COPY config config
COPY desks desks
COPY routes routes
COPY templates templates
EXPOSE 8080 4573
ENTRYPOINT ["java", "-jar", "/app/gateway.jar"]
