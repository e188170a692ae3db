//! Blame classes fixed on train1-4 (see `eval/README.md`): each from both sides, in wordings
//! written for these tests.

use super::{has, none_of};
use crate::Category::Blame;

#[test]
fn blame_put_on_a_person() {
    has(
        "We blame the release manager, who skipped the checklist.",
        Blame,
        "blame",
    );
    has(
        "The vendor blamed a network subcontractor for the outage.",
        Blame,
        "blamed",
    );
    has(
        "The airline blamed the outage on the actions of a technician.",
        Blame,
        "blamed",
    );
    has("An engineer was blamed for the data loss.", Blame, "blamed");
    has(
        "Blame me for this: I restarted the wrong pod.",
        Blame,
        "Blame",
    );
    has("The blame for the lost rows is all mine.", Blame, "blame");
    has(
        "One operator was clearly to blame for the spill.",
        Blame,
        "to blame",
    );
    has(
        "The regional team was at fault for the delay.",
        Blame,
        "at fault",
    );
}

#[test]
fn blame_on_things_or_as_a_topic_is_not_blame() {
    none_of("The vendor blamed a faulty router for the outage.", Blame);
    none_of("We blame the scheduler:", Blame);
    none_of("A config push has been blamed for the outage.", Blame);
    none_of("A bad cache entry is to blame for the errors.", Blame);
    none_of(
        "The storage array was at fault, and failover worked.",
        Blame,
    );
    none_of("Nobody knows who is to blame for this.", Blame);
    none_of("Who do we blame when it breaks?", Blame);
    none_of("They did not blame the on-call engineer.", Blame);
    none_of(
        "Run the review without turning it into a blame game.",
        Blame,
    );
    none_of("Most reviews assign blame and stop there.", Blame);
    none_of("When we blame a person we stop learning.", Blame);
    none_of(
        "It blames the last step instead of the people who designed it.",
        Blame,
    );
}

#[test]
fn fault_denied_or_asked_is_not_blame() {
    has("That outage was our fault.", Blame, "our fault");
    has(
        "The failure was the fault of the night crew.",
        Blame,
        "fault of the night crew",
    );
    none_of("This doesn't look like your fault.", Blame);
    none_of("It may not be one engineer's fault at all.", Blame);
    none_of("Was it really our fault?", Blame);
    none_of(
        "Through no fault of the reviewers, the patch went out late.",
        Blame,
    );
    none_of("Our error tracking spiked at noon.", Blame);
}

#[test]
fn mistakes_in_general_are_not_blame() {
    none_of("Everyone makes mistakes.", Blame);
    none_of(
        "Operators will make mistakes, so the tool must catch them.",
        Blame,
    );
    none_of("People make errors under pressure.", Blame);
    has(
        "Under that load I began to make mistakes.",
        Blame,
        "make mistakes",
    );
    has(
        "The admin made an unfortunate mistake during the migration.",
        Blame,
        "made an unfortunate mistake",
    );
    has(
        "She made the same sort of mistake twice.",
        Blame,
        "made the same sort of mistake",
    );
    has(
        "I made a rather basic error in the script.",
        Blame,
        "made a rather basic error",
    );
    none_of("The deploy made the error rate jump.", Blame);
    none_of("We made sure the error was logged.", Blame);
}

#[test]
fn wrong_target_of_a_persons_act() {
    has("I deployed to the wrong cluster.", Blame, "wrong");
    has("Oops, merged into the wrong branch", Blame, "wrong");
    has("Accidentally tagged wrong release", Blame, "wrong");
    has(
        "The admin dropped a table on the wrong database.",
        Blame,
        "wrong",
    );
    has(
        "We spent an hour debugging the wrong service.",
        Blame,
        "wrong",
    );
    has("she then hit the wrong button.", Blame, "wrong");
    none_of("The balancer routed requests to the wrong pool.", Blame);
    none_of("Traffic was sent to the wrong region.", Blame);
    none_of(
        "If you deploy to the wrong cluster, the guard stops you.",
        Blame,
    );
    none_of("Make sure you don't merge into the wrong branch.", Blame);
    none_of("I'm posting in the wrong channel, sorry.", Blame);
    none_of("Something went wrong during the upgrade.", Blame);
    none_of("The pipeline used the wrong image tag.", Blame);
}

#[test]
fn doing_it_wrong() {
    has("Looks like I did it wrong.", Blame, "wrong");
    has("Must have done something wrong.", Blame, "wrong");
    none_of("Am I doing it wrong?", Blame);
    none_of("We didn't do anything wrong.", Blame);
    none_of("The parser gets it wrong.", Blame);
    none_of("Something was wrong with the disk.", Blame);
}

#[test]
fn a_mis_verb_as_a_persons_trait() {
    has(
        "A fat-fingered technician took the site down.",
        Blame,
        "fat-fingered",
    );
    none_of("The fat-fingered value broke the parser.", Blame);
}

#[test]
fn a_complaint_reported_is_the_claimants() {
    none_of(
        "Mr K complained that the ward staff inappropriately moved his mother.",
        Blame,
    );
    none_of(
        "Ms T says the surgery gave her incorrect advice about the dose.",
        Blame,
    );
    none_of(
        "It is alleged that the carer made careless entries in the chart.",
        Blame,
    );
    has(
        "The vendor said a technician mistakenly unplugged the router.",
        Blame,
        "mistakenly",
    );
    has(
        "The engineer mistakenly removed the volume, the panel found.",
        Blame,
        "mistakenly",
    );
}

#[test]
fn peoples_work_called_poor() {
    has(
        "Staff kept poor record keeping throughout the stay.",
        Blame,
        "poor record keeping",
    );
    has(
        "Inspectors found a poor standard of record keeping on the ward.",
        Blame,
        "poor standard of record keeping",
    );
    has(
        "The report cites poor handovers between the night and day shifts.",
        Blame,
        "poor handovers",
    );
    has(
        "There was poor diagnostic judgement by the duty officer.",
        Blame,
        "poor diagnostic judgement by the duty officer",
    );
    has(
        "The review noted inadequate crew coordination during the descent.",
        Blame,
        "inadequate crew",
    );
    has(
        "The captain showed questionable judgement on the approach.",
        Blame,
        "showed questionable judgement",
    );
    has(
        "The firm was accused of lax security standards.",
        Blame,
        "lax security standards",
    );
    none_of("Teams should avoid poor record keeping.", Blame);
    none_of(
        "The dashboard shows poor standards compliance across hosts.",
        Blame,
    );
    none_of(
        "Poor network handling by the client library caused retries.",
        Blame,
    );
}

#[test]
fn traits_in_other_words() {
    has("I stupidly deleted the backup folder.", Blame, "stupidly");
    has(
        "The outage came down to stupidity and bad luck.",
        Blame,
        "stupidity",
    );
    has(
        "Sheer arrogance kept him from asking for a review.",
        Blame,
        "arrogance",
    );
    has(
        "The board criticised the operator's laxity in supervising the shift.",
        Blame,
        "laxity",
    );
    has(
        "Like a complete numpty I pushed without pulling.",
        Blame,
        "numpty",
    );
    has(
        "We really badly messed up the migration.",
        Blame,
        "messed up",
    );
    none_of("The new parser is stupidly fast.", Blame);
}

#[test]
fn an_apology_owns_the_slip() {
    has(
        "Sorry for the dumb mistake, fixed now.",
        Blame,
        "Sorry for the dumb mistake",
    );
    has(
        "Apologies to everyone for the typo in the release.",
        Blame,
        "Apologies to everyone for the typo",
    );
    none_of("Sorry if there are mistakes in my English.", Blame);
    none_of("We apologise for the error messages some users saw.", Blame);
    none_of("We apologise for any inconvenience caused.", Blame);
}

#[test]
fn haste_named_as_the_fault() {
    has("We were too eager to ship the patch:", Blame, "too eager");
    none_of("The token was too quick to expire.", Blame);
}

#[test]
fn an_investigation_finds_fault_with_someone() {
    has(
        "The panel found fault with the Trust in delaying the referral.",
        Blame,
        "found fault with the Trust",
    );
    has(
        "There were some faults by the practice in handling the complaint.",
        Blame,
        "some faults by the practice",
    );
    none_of("The panel did not find fault with the Trust.", Blame);
    none_of("The panel found no fault by the practice.", Blame);
    none_of("The technicians found faults with the disk array.", Blame);
}

#[test]
fn a_person_said_to_have_failed() {
    has(
        "We failed our users today, and we are sorry.",
        Blame,
        "failed our",
    );
    has(
        "The vendor failed on several fronts during the response.",
        Blame,
        "failed on",
    );
    has(
        "She failed miserably at the handover.",
        Blame,
        "failed miserably",
    );
    none_of("We failed over to the standby database.", Blame);
    none_of("The job failed on every retry.", Blame);
    none_of("The deploy failed us twice this week.", Blame);
}

#[test]
fn owning_up_to_a_slip() {
    has(
        "The vendor has admitted the mistake and refunded us.",
        Blame,
        "admitted the mistake",
    );
    has(
        "I am going to own this error publicly.",
        Blame,
        "own this error",
    );
    has(
        "The operators acknowledged their oversight in skipping the check.",
        Blame,
        "acknowledged their oversight",
    );
    none_of(
        "The vendor acknowledged the error in the invoice system.",
        Blame,
    );
    none_of("They never admitted any mistake.", Blame);
}

#[test]
fn a_thing_s_error_owned_by_someone() {
    has(
        "The outage came from a misconfiguration on the vendor's part.",
        Blame,
        "misconfiguration on the vendor's part",
    );
    has(
        "It was traced to our misconfiguration of the proxy.",
        Blame,
        "our misconfiguration",
    );
    none_of("A misconfiguration in the proxy dropped requests.", Blame);
}

#[test]
fn an_error_adverb_after_the_verb() {
    has(
        "The admin chose wrongly, under pressure, to skip the canary.",
        Blame,
        "wrongly",
    );
    has(
        "the hotfix, which I hastily merged incorrectly, broke login",
        Blame,
        "incorrectly",
    );
    has(
        "We believed (mistakenly) that the flag was off.",
        Blame,
        "mistakenly",
    );
    none_of("The flag was set incorrectly.", Blame);
    none_of("The proxy parsed the header incorrectly.", Blame);
}

#[test]
fn fault_idioms_and_slips_at_the_keyboard() {
    has("Mea culpa, I pushed the wrong tag.", Blame, "Mea culpa");
    has("Classic PEBKAC on my side.", Blame, "PEBKAC");
    has("I misclicked and deleted the bucket.", Blame, "misclicked");
    has(
        "They got away with malpractice for years.",
        Blame,
        "malpractice",
    );
    none_of("A mistyped hostname in the config broke the route.", Blame);
    none_of("A misconfigured alert rule stayed silent.", Blame);
}

#[test]
fn supposed_or_denied_slips() {
    none_of("If you made a mistake in the commit, amend it.", Blame);
    none_of("It is not that Priya messed up; the tool let her.", Blame);
    none_of(
        "It is easy to put blame on others when they are not in the room.",
        Blame,
    );
    has("They put the blame on the new hire.", Blame, "blame");
}

#[test]
fn owned_slips_with_modifiers() {
    has(
        "Here are my three worst deploy mistakes.",
        Blame,
        "my three worst deploy mistakes",
    );
    has(
        "We all laughed about our latest screwup.",
        Blame,
        "our latest screwup",
    );
    none_of("Our load balancer errors doubled overnight.", Blame);
    none_of(
        "Our Kafka consumer errors cleared after the restart.",
        Blame,
    );
}

#[test]
fn a_choice_called_bad_and_acting_without_thinking() {
    has(
        "Rebasing the shared branch was a terrible idea.",
        Blame,
        "was a terrible idea",
    );
    none_of("Is it a bad idea to cache the token?", Blame);
    none_of("That was not a bad call at all.", Blame);
    has(
        "Without thinking, she dropped the table.",
        Blame,
        "Without thinking",
    );
    has(
        "I typed the command without thinking.",
        Blame,
        "without thinking",
    );
    none_of("The scheduler retries without thinking about load.", Blame);
}

#[test]
fn wrong_things_found_or_received_are_not_blame() {
    none_of("We received pages for the wrong cluster.", Blame);
    none_of("We discovered the wrong certificate on two hosts.", Blame);
    has("I mailed the report to the wrong list.", Blame, "wrong");
}

#[test]
fn disregard_for_the_rules() {
    has(
        "The driver showed disregard for the site procedures.",
        Blame,
        "disregard for the site procedures",
    );
    has(
        "It reflects an indifference to basic safety rules.",
        Blame,
        "indifference to basic safety",
    );
    none_of(
        "The parser's disregard for trailing whitespace hid the bug.",
        Blame,
    );
    none_of("Please disregard the earlier message.", Blame);
}

#[test]
fn poor_communication_between_people() {
    has(
        "Poor communication between the on-call engineer and the vendor delayed the failover.",
        Blame,
        "Poor communication",
    );
    has(
        "There was poor coordination among the three teams during the migration.",
        Blame,
        "poor coordination",
    );
    has(
        "The second outage resulted from poor coordination during the cutover.",
        Blame,
        "poor coordination",
    );
    none_of(
        "Poor coordination between the replicas caused a split brain.",
        Blame,
    );
    none_of(
        "There was poor communication between the services during the partition.",
        Blame,
    );
    none_of(
        "Poor communication is a common theme in post-mortems.",
        Blame,
    );
    none_of(
        "We want to avoid poor communication in future incidents.",
        Blame,
    );
}

#[test]
fn responsibility_taken_for_a_slip() {
    has(
        "I accept full responsibility for the wrongly deleted bucket.",
        Blame,
        "accept full responsibility for the wrongly",
    );
    has(
        "The vendor took responsibility for the misconfiguration of the load balancer.",
        Blame,
        "took responsibility for the misconfiguration",
    );
    none_of("I take full responsibility for the outage.", Blame);
    none_of(
        "The vendor took responsibility for fixing the incorrect DNS records.",
        Blame,
    );
    none_of(
        "They refused to take responsibility for the mistake.",
        Blame,
    );
    none_of(
        "Who will take responsibility for the incorrect invoices?",
        Blame,
    );
}

#[test]
fn the_mistake_named_as_a_persons_act() {
    has(
        "The biggest mistake was deploying on a Friday afternoon.",
        Blame,
        "mistake was deploying",
    );
    has(
        "The real mistake was the change we made to the retry limit.",
        Blame,
        "mistake was the change we made",
    );
    has(
        "The second mistake was that we skipped the canary stage.",
        Blame,
        "mistake was that we",
    );
    has(
        "Our second mistake was that we skipped the canary stage.",
        Blame,
        "Our second mistake",
    );
    none_of("The mistake was a typo in the config file.", Blame);
    none_of(
        "The second mistake is that the cache would expire too early.",
        Blame,
    );
    none_of(
        "By the time the mistake was recognized, the data was gone.",
        Blame,
    );
    none_of(
        "The last error was simply the token expiring overnight.",
        Blame,
    );
}

#[test]
fn work_not_done_properly_with_the_object_between() {
    has(
        "We never tested the restore path properly.",
        Blame,
        "never tested the restore path properly",
    );
    has(
        "We did not size the disks well enough for the import.",
        Blame,
        "did not size the disks well enough",
    );
    has(
        "The reviewer didn't read the diff carefully.",
        Blame,
        "didn't read the diff carefully",
    );
    none_of("The pod did not start properly after the upgrade.", Blame);
    none_of(
        "We did not receive the pages properly because the integration was broken.",
        Blame,
    );
    none_of(
        "We didn't notice that the disk was not mounted properly.",
        Blame,
    );
    none_of(
        "We could not test the failover properly because staging was down.",
        Blame,
    );
    none_of("We didn't have the alerts configured correctly.", Blame);
}

#[test]
fn a_persons_manner_called_rash() {
    has(
        "The release engineer was overzealous and deleted the old buckets too.",
        Blame,
        "overzealous",
    );
    has(
        "I was too hasty and merged before CI finished.",
        Blame,
        "too hasty",
    );
    has(
        "Our cavalier attitude to backups cost us a week of data.",
        Blame,
        "Our cavalier",
    );
    has(
        "Honestly we are terrible at estimating migrations.",
        Blame,
        "terrible at",
    );
    none_of("The retry policy was too naive.", Blame);
    none_of(
        "Our overzealous rate limiter blocked paying customers.",
        Blame,
    );
    has("My hasty reply made the thread worse.", Blame, "My hasty");
    none_of("A hasty rollback plan was prepared during the call.", Blame);
    none_of("We were not overzealous about the cleanup.", Blame);
    none_of("The cache is bad at evicting large keys.", Blame);
}

#[test]
fn people_not_clear_enough() {
    has(
        "We were not clear enough with the vendor about the cutover time.",
        Blame,
        "not clear enough",
    );
    none_of(
        "The runbook was not clear enough about the order of steps.",
        Blame,
    );
    none_of("It was not clear enough which region had failed.", Blame);
}

#[test]
fn closer_attention_and_better_work_prescribed() {
    has(
        "More closely watch the queue depth after each release.",
        Blame,
        "More closely",
    );
    has(
        "Review schema changes more thoroughly before merging them.",
        Blame,
        "more thoroughly",
    );
    has(
        "We need to monitor disk usage more closely.",
        Blame,
        "more closely",
    );
    has(
        "We need to do a better job of reviewing infrastructure changes.",
        Blame,
        "do a better job",
    );
    has(
        "Next time we will try to communicate more clearly with support.",
        Blame,
        "communicate more clearly",
    );
    none_of(
        "We looked more closely at the logs and found the leak.",
        Blame,
    );
    none_of("We need to dig into this more closely.", Blame);
    none_of(
        "We will examine the failed writes more thoroughly and publish a report.",
        Blame,
    );
    none_of(
        "We will monitor the service more closely until the patch is everywhere.",
        Blame,
    );
    none_of(
        "The new probe will monitor the endpoint more closely.",
        Blame,
    );
    none_of("The team did a better job this time.", Blame);
    none_of(
        "We will do a better job of keeping customers informed.",
        Blame,
    );
    none_of("What can we do to do better next time?", Blame);
    none_of(
        "The bot will communicate better with the API after the upgrade.",
        Blame,
    );
    none_of(
        "We tried to communicate better but the bridge was down.",
        Blame,
    );
}

#[test]
fn error_adverbs_on_a_participle_before_a_noun() {
    has(
        "The outage came from a wrongly typed command by a contractor.",
        Blame,
        "wrongly typed command by a contractor",
    );
    none_of("Drop the incorrectly encoded events from the queue.", Blame);
    none_of("Our wrongly labelled alerts paged the wrong team.", Blame);
}

#[test]
fn slips_owned_in_other_shapes() {
    has(
        "I'm fairly sure I messed it up during the rebase.",
        Blame,
        "messed it up",
    );
    none_of("Did you think you might have messed it up?", Blame);
    has(
        "We found the failings by the contractors were serious.",
        Blame,
        "failings by the contractors",
    );
    has(
        "The regression shipped because of sloppy review on my part.",
        Blame,
        "sloppy review on my part",
    );
    has(
        "The vendor apologised for the poor handling of the ticket.",
        Blame,
        "apologised for the poor handling",
    );
    has(
        "Acme, one of the big registrars, made a serious mistake with our domain.",
        Blame,
        "made a serious mistake",
    );
    has(
        "That one is the kind of error you just make once.",
        Blame,
        "error you just make",
    );
    has(
        "The data loss is 100% on the platform team.",
        Blame,
        "100% on the platform team",
    );
    has(
        "We have to be careful with manual DNS edits.",
        Blame,
        "be careful",
    );
    none_of("The disks have to be careful.", Blame);
}

#[test]
fn wrong_acts_before_the_person_or_by_whoever() {
    has(
        "After restarting the wrong pod twice, I started labelling my terminals.",
        Blame,
        "wrong",
    );
    has("Whoever wrote the migration did it wrong.", Blame, "wrong");
    none_of(
        "After restarting the wrong pod, the scheduler recovered on its own.",
        Blame,
    );
}

#[test]
fn failings_in_a_persons_work() {
    has(
        "The review found shortcomings in the crew's monitoring of the descent.",
        Blame,
        "shortcomings in the crew's monitoring",
    );
    has(
        "We saw inadequacies in the Trust's discharge planning.",
        Blame,
        "inadequacies in the Trust's discharge planning",
    );
    none_of("There was an error in the operator's manual.", Blame);
    none_of("There were errors in the team's dashboard.", Blame);
    none_of(
        "There were shortcomings in Mrs K's treatment plan, but they did not change the outcome.",
        Blame,
    );
    none_of("We found failings in the patient's care.", Blame);
}

#[test]
fn a_participle_phrase_before_the_person() {
    has(
        "Tired and logged into the wrong account, she deleted the bucket.",
        Blame,
        "wrong",
    );
    none_of(
        "Configured with the wrong ARN, the role could not assume itself.",
        Blame,
    );
    has(
        "Watch out for daft operators bypassing review.",
        Blame,
        "daft",
    );
    none_of("The daft default broke the build.", Blame);
}

#[test]
fn mistakes_done_committed_or_promised_not_again() {
    has(
        "During the cutover we did several mistakes with the DNS records.",
        Blame,
        "did several mistakes",
    );
    has(
        "Two operators committed the same error on the night shift.",
        Blame,
        "committed the same error",
    );
    has(
        "Only later did I see the mistake I did.",
        Blame,
        "mistake I did",
    );
    has(
        "We will never make that mistake again.",
        Blame,
        "make that mistake",
    );
    has(
        "Rolling out to every region at once was clearly a mistake from our part.",
        Blame,
        "mistake from our part",
    );
    has(
        "Apologies for the errors that caused the broken release.",
        Blame,
        "Apologies for the errors",
    );
    none_of("We did not make any mistakes in the rollout.", Blame);
    none_of(
        "The mistake we did nothing about was the retry loop.",
        Blame,
    );
    none_of("If you make that mistake again, the job fails.", Blame);
    none_of("It will make that error again if retried.", Blame);
    none_of("The worker committed the transaction twice.", Blame);
    none_of("There was an error from our part of the network.", Blame);
    none_of("Sorry for the errors that users saw yesterday.", Blame);
}

#[test]
fn attention_that_fell_short_or_is_prescribed() {
    has(
        "I wasn't paying attention and restarted the primary.",
        Blame,
        "wasn't paying attention",
    );
    has(
        "The reviewers were not paying enough attention to the schema change.",
        Blame,
        "not paying enough attention",
    );
    has(
        "The contractor paid scant attention to the load limits.",
        Blame,
        "paid scant attention",
    );
    has(
        "Little attention was paid to the backup alerts.",
        Blame,
        "Little attention was paid",
    );
    has(
        "Pay close attention to the canary graphs during a rollout.",
        Blame,
        "Pay close attention",
    );
    has(
        "Always pay attention to what the migration prints.",
        Blame,
        "pay attention",
    );
    // The omission is a negated check (counterfactual), not a trait.
    none_of("I didn't pay attention to the second warning.", Blame);
    none_of(
        "We paid close attention to the graphs during the rollout.",
        Blame,
    );
    none_of("Users don't pay attention to banners.", Blame);
    none_of(
        "Nobody was paying attention to the alert because it was muted.",
        Blame,
    );
    none_of(
        "If we weren't paying attention, the canary would catch it.",
        Blame,
    );
    none_of("Did anyone pay attention to the graph?", Blame);
    none_of("The probe pays close attention to memory use.", Blame);
    none_of("Pay attention to the warnings the script prints.", Blame);
}

#[test]
fn checking_everything_again_or_harder_in_a_lesson() {
    has("Double-check everything.", Blame, "Double-check everything");
    has(
        "Triple check every command you paste into a root shell.",
        Blame,
        "Triple check every command",
    );
    has(
        "Takeaway: write the runbook first and test it harder.",
        Blame,
        "test it harder",
    );
    none_of("Double-check the ARN before applying.", Blame);
    none_of("We double-checked everything.", Blame);
    none_of("We tested harder cases after the fix.", Blame);
    none_of("The load test is harder than it looks.", Blame);
}

#[test]
fn improper_acts_owned_by_plural_possessives_and_pronouns() {
    has(
        "The board found the engineers' inappropriate response delayed the repair.",
        Blame,
        "engineers' inappropriate",
    );
    has(
        "The inquiry points to inadequate supervision by them.",
        Blame,
        "inadequate supervision by them",
    );
    has(
        "It was improper conduct by those who ran the shift.",
        Blame,
        "improper conduct by those",
    );
    has(
        "The vendor's haphazard rollout took the API down.",
        Blame,
        "vendor's haphazard",
    );
    none_of("The servers' inappropriate responses were cached.", Blame);
    none_of("The inappropriate response by the API was a 500.", Blame);
    none_of("The substandard cables failed in the heat.", Blame);
}

#[test]
fn blame_placed_on_an_organisation_by_name() {
    has(
        "The regulator laid the blame squarely on Acme Freight.",
        Blame,
        "blame",
    );
    has(
        "The inquiry placed most of the blame on Northwind Rail.",
        Blame,
        "blame",
    );
    none_of("The report placed the blame on Kubernetes.", Blame);
    none_of("The board placed no blame on Acme Freight.", Blame);
}

#[test]
fn wrong_on_the_writers_own_act() {
    has(
        "The job kept failing because we got the bucket name wrong.",
        Blame,
        "wrong",
    );
    has("So what did we do wrong?", Blame, "wrong");
    has(
        "I accidentally applied the patches the wrong way round.",
        Blame,
        "wrong",
    );
    none_of("What am I doing wrong?", Blame);
    none_of("What did they do wrong?", Blame);
    none_of("My lead never told me that I did something wrong.", Blame);
    none_of("The packets flowed the wrong way.", Blame);
    none_of("Traffic was routed the wrong way.", Blame);
    none_of("The sorter ordered the list the wrong way.", Blame);
}

#[test]
fn slips_owned_in_chat_words() {
    has("Total noob move, sorry all.", Blame, "noob");
    has(
        "My usual clumsiness took the staging box down.",
        Blame,
        "clumsiness",
    );
    has(
        "The outage came from an operator-driven routing error.",
        Blame,
        "operator-driven routing error",
    );
    has(
        "Sorry for breaking the nightly build!",
        Blame,
        "Sorry for breaking",
    );
    has(
        "We pushed the tag and then screwed up the changelog.",
        Blame,
        "screwed up",
    );
    none_of("I'm a noob, how do I mount a drive?", Blame);
    none_of("The data-driven error budget was spent.", Blame);
    none_of("Sorry for breaking changes in the 2.0 API.", Blame);
    none_of("The build broke and messed up the cache.", Blame);
}

#[test]
fn readings_taken_wrongly_and_human_missteps() {
    has(
        "The second officer mistook the fuel warning for a sensor fault.",
        Blame,
        "mistook",
    );
    has(
        "The panel cited the crew's misreading of the gauge.",
        Blame,
        "crew's misreading",
    );
    has(
        "Several human missteps let the fire spread.",
        Blame,
        "human missteps",
    );
    none_of("The parser misinterpreted the header.", Blame);
    none_of("The gauge is prone to misreading by drivers.", Blame);
    none_of(
        "The spike was misinterpreted as a deploy regression.",
        Blame,
    );
}

#[test]
fn mistakes_denied_and_traits_in_general() {
    none_of("The lesson is not that the operator made a mistake.", Blame);
    has(
        "The finding was that the operator made a mistake.",
        Blame,
        "made a mistake",
    );
    none_of("Long night shifts can lead to carelessness.", Blame);
    has(
        "Months of quiet pages led to complacency in the team.",
        Blame,
        "complacency",
    );
}
