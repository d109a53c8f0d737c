package io.rewardloop.feedback.agreement;

/**
 * One annotator's answer about one unit, as it travels from the event to the unit's aggregate
 * (re-keyed by unit), as JSON.
 *
 * @param objective the objective
 * @param annotator the annotator id
 * @param answer a vote ({@link Unit#FIRST}, {@link Unit#SECOND}, {@link Unit#TIE}, a String) or a
 *     rating rescaled to [0, 1] (a Double)
 */
record Answer(String objective, String annotator, Object answer) {

    private static final String WHAT = "agreement answer";

    String toJson() {
        return AgreementJson.object(
                WHAT,
                generator -> {
                    generator.writeStringField("objective", objective);
                    generator.writeStringField("annotator", annotator);
                    generator.writeFieldName("answer");
                    AgreementJson.writeAnswer(generator, answer);
                });
    }

    static Answer fromJson(String json) {
        String[] texts = new String[2];
        Object[] answer = new Object[1];
        AgreementJson.readObject(
                WHAT,
                json,
                (name, parser) -> {
                    switch (name) {
                        case "objective" -> texts[0] = AgreementJson.text(parser);
                        case "annotator" -> texts[1] = AgreementJson.text(parser);
                        case "answer" -> answer[0] = AgreementJson.readAnswer(parser, WHAT);
                        default -> parser.skipChildren();
                    }
                });
        return new Answer(texts[0], texts[1], answer[0]);
    }
}
