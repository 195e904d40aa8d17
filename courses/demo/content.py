"""Teaching content for the two demo master classes.

Pure data: no Django, no I/O. A seeding command or a fixture loader turns these
dictionaries into Course, Module, Lesson and Exercise rows.

Lesson bodies are Markdown (no raw HTML, no images, no links). They are kept as
module-level constants at column 0 so that indentation never turns a paragraph
into a code block.
"""

# Prose is kept one paragraph per line so that Markdown diffs stay readable.
# ruff: noqa: E501

from typing import Any

# ---------------------------------------------------------------------------
# Course 1: Coaching Sales Professionals
# ---------------------------------------------------------------------------

_C1_WHY_LEADING = """## The job changed the day you were promoted

Most sales managers got the job because they sold well. They knew how to open a conversation, read a buyer and ask for the order. So when a rep gets stuck, the reflex is to show how it is done: join the call, rewrite the proposal, hand over the answer. It feels helpful, and now and then it even saves a deal.

But a team of eight or twelve people cannot run on one person's answers. The manager turns into a bottleneck, the reps wait for instructions, and nobody on the team grows. Leading a sales team is much less about knowing the answer and much more about helping each person find an answer they are willing to act on.

## What coaching is, in one paragraph

Coaching is a conversation in which the rep does most of the thinking. The manager brings questions, full attention and a clear frame: what are we working on, and why does it matter? The rep explores the situation, weighs the options and picks the next step. Because the rep picked it, the rep is far more likely to carry it out.

That does not mean you have no opinion or no standards. It means you are deliberate about *when* you share them, because a conclusion someone reaches on their own is worth far more than the same conclusion handed over as an instruction.

## What is in it for you

- **More independent reps.** They bring you fewer problems and more proposals.
- **Better one-on-ones.** The meeting stops being a status report and starts dealing with the real obstacles.
- **Stronger numbers.** People who own their plans work them with more energy and adjust them sooner when a customer or market shifts.

Plenty of managers describe themselves as coaches. Far fewer manage to coach consistently when the quarter is closing and the urge to simply say what to do is at its strongest. This master class is about building that skill until it becomes your default setting.

## What this course covers

You will see why telling so rarely changes anything, learn the principle underneath every good coaching conversation, practise a question technique known as the miracle question, learn to keep ownership with the rep while respecting the company's direction, and make coaching a habit at work and at home.
"""

_C1_TRANSMITTING = """## What we mean by transmitting

Transmitting is what a manager does when they broadcast: advice, opinions, stories from their own selling days, the "right" way to handle an objection. The rep is the receiver. The motive is nearly always decent. You want to save them time, spare them a painful mistake and help them make target.

## Why it so rarely lands

- **You are solving your version of the problem.** You heard two minutes of the story and filled in the rest from your own experience. The rep's real obstacle may sit somewhere else entirely.
- **You get polite agreement instead of commitment.** "Good idea, I'll give it a go" is often just the quickest way out of an awkward conversation. Nothing changes afterwards.
- **You train dependency.** Each time you supply the answer, you teach the rep that answers live with you. Next time they come back sooner.
- **You chip away at confidence.** Advice nobody asked for carries a quiet message: you could not have worked this out yourself.
- **You can make things worse.** People who feel pushed often defend the old way even harder. The advice creates resistance rather than change.

## Spotting it in yourself

Transmitting is slippery because it often wears the costume of a question. "Have you thought about calling the CFO directly?" is advice with a question mark attached. So is "Wouldn't it be better to...?" A simple test: if you already know which answer you want to hear, it is not an open question.

Other warning signs: you do more than half the talking in a one-on-one, you walk out holding the action points, or you hear yourself say "what I always used to do was...".

## When telling is the right call

Coaching does not replace every instruction. A new hire needs to know how the CRM works, a compliance rule is not up for debate, and in a genuine emergency you act first. The rule of thumb: tell when the gap is *information*; coach when the gap is *thinking, motivation or behaviour*. With experienced salespeople, that second category covers most of what you will meet.

## A small experiment

In your next three one-on-ones, keep a tally on your notepad of every piece of advice you give. Do not change anything yet; just count. Most managers are genuinely surprised by the number, and that surprise is a good place to start.
"""

_C1_WHAT_COACHING_GIVES = """## Coaching is not only good for the rep

It is easy to see coaching as something generous you do for your team, an extra effort on top of the real work. In practice it is one of the best things you can do for yourself. Managers who coach well tend to describe their job as lighter, more interesting and, frankly, more fun.

## Less weight on your shoulders

When you are the team's answer machine, every problem ends up on your desk. You carry the worry about each deal and feel responsible for every next step. Once reps learn to think problems through themselves, that load spreads out. You still care about the outcome, but you no longer have to generate every solution. Evenings and weekends get quieter.

## Conversations you look forward to

A status meeting where you dictate actions is tiring for both sides. A conversation in which someone discovers a new angle on a stuck deal is energising. You see people light up, you learn things about customers you would never have heard otherwise, and you get to be curious instead of always right. The job starts to feel more like a craft you enjoy than a load you carry.

## Better results, for concrete reasons

Coaching is not a soft extra that competes with the numbers. It feeds them:

- **Follow-through improves.** People carry out plans they designed themselves.
- **Reps adapt faster.** Someone used to thinking for themselves adjusts mid-deal without waiting for you.
- **Your good people stay.** Salespeople who feel they are growing are less likely to answer the recruiter's call.
- **You get time back.** That time can go to strategic accounts, hiring and the few deals where your presence really matters.
- **Learning spreads.** Reps who have been coached start asking each other better questions too.

## An honest expectation

The first weeks can feel slower. Your questions may come out clumsy, silences may feel long, and you will catch yourself slipping back into advice. That is normal. Give it a couple of months of deliberate practice and most managers notice the difference in their team, in their diary and in their own mood.
"""

_C1_BELIEVES_ONLY = """## The principle

There is one idea underneath almost everything in this course. We call it **"the coachee believes only what he himself says"**. People are convinced by their own words far more than by anyone else's. When a rep hears a conclusion from you, it stays *your* idea, filed away as information. When the rep puts the same conclusion into words, it becomes *their* belief, and beliefs are what drive behaviour.

## Why it works

- **Saying something means building it.** To put an idea into words, the rep has to connect it to their own accounts, their own constraints and their own way of working. That makes it concrete.
- **Spoken words create commitment.** Once people have said something out loud, they like to stay consistent with it.
- **Their version fits their reality.** The rep's plan takes into account things you could never know: how the buyer sounds on the phone, which colleague they trust, how much energy they have left this month.

## What it means for you as a manager

Your role shifts from producing the right answer to creating a conversation in which the rep produces it. Sometimes their answer is only eighty percent of what you would have said. Count that as a win. An eighty-percent plan the rep owns will beat a perfect plan they merely accepted.

## A short example

> **Manager:** You said the renewal with the logistics client feels shaky. What makes you say that?
>
> **Rep:** They haven't answered my last two emails, and their new operations director has never met me.
>
> **Manager:** What do you make of that?
>
> **Rep:** Honestly? Since their reorganisation I've been talking to someone who no longer decides. I need to get in front of the new director.

The manager could have said "go and see the new director" within ten seconds. Because the rep reached it, the rep will act on it, and with far more conviction.

## Ask for their words

A practical habit: at the end of a conversation, do not summarise the actions yourself. Ask, "What are you taking away from this?" and listen. If the answer is vague, ask what exactly they will do and when. The plan is now in their words, and so is the commitment.
"""

_C1_TALK_RATIO = """## Who is doing the talking?

If one idea from this module sticks, let it be this: in a coaching conversation the rep should do most of the talking. A useful target is that you speak for no more than about a third of the time. Many managers who record or time a one-on-one discover they talk for sixty or seventy percent. Nobody is thinking hard while listening to a monologue.

## Open questions do the heavy lifting

Open questions cannot be answered with yes or no, and they invite the rep to explore. Good openers:

- "What is going on with this account?"
- "How do you see it?"
- "What have you tried so far?"
- "What else could you do?"
- "Which of those options appeals to you most?"

Be careful with "why". "Why did you give that discount?" easily sounds like an accusation, and people defend themselves rather than think. "What led you to the discount?" asks the same thing without the sting.

## Let silence work

After a good question, the rep needs time. Those five or ten seconds can feel endless, and the temptation is to rescue them with a second question or a suggestion. Resist it. Silence usually means thinking is happening. Count slowly to ten in your head if you must.

## Reflect rather than react

Instead of answering what you hear, play it back briefly: "So the buyer likes the product, but finance keeps delaying." A short summary shows you are listening, lets the rep correct you, and often prompts them to go one level deeper without any question at all.

## Notice the rescue urge

You will feel a pull to help when a rep struggles for words or looks uncomfortable. Treat that pull as a signal to ask one more question, not to supply the answer. Struggle within reason is where learning happens.

## Try it this week

Pick one one-on-one and put your phone on the table with a timer. Roughly track how long you speak. Then, without judging yourself, ask: what would change if I spoke half as much?
"""

_C1_ADVICE_TO_QUESTIONS = """## The moment advice arrives

You are listening to a rep describe a problem and, halfway through, the solution pops into your head. It is a good solution. The urge to share it is almost physical. This lesson is about what to do in that moment.

## Notice, park, translate

1. **Notice.** Recognise the feeling: "I have an answer."
2. **Park it.** Write one word on your notepad so you do not lose it. Knowing it is safe makes it easier to keep quiet.
3. **Translate.** Turn the *area* your advice is about into an open question, without giving away the solution itself.

## From advice to question

- Advice: "Get the CFO involved." Question: "Who else has a stake in this decision?"
- Advice: "Send a shorter proposal." Question: "How do you think the client reads your proposal?"
- Advice: "Block your mornings for prospecting." Question: "When in your week do you have the most energy for new calls?"
- Advice: "Stop discounting so fast." Question: "What happens in the conversation just before you offer a discount?"

Notice that each question points the rep toward a useful area to think about, but leaves the conclusion to them. Often they land on your solution anyway. Sometimes they find a better one, because they know details you do not.

## If you still want to share

Sometimes the rep has thought hard, is still stuck and your idea would help. Then share it, but in a way that keeps ownership with them:

- **Ask permission:** "Can I add a thought?"
- **Offer it as one option:** "One thing some people try is... It may or may not fit here."
- **Hand it back:** "What do you make of that?"

The rep stays the one who decides. Your idea becomes input, not an instruction.

## Practise on paper first

Take the last five pieces of advice you gave to your team. Write each one down and translate it into an open question. You will notice this gets easier quickly, and soon the question arrives before the advice does.
"""

_C1_MIRACLE_WHAT = """## A question for when someone is stuck

Every manager knows the conversation where a rep says "I don't know" and means it. They have looked at the problem from every angle and see no way out. More analysis only digs them deeper. This is where the miracle question is at its strongest.

The technique comes from solution-focused brief therapy, developed in the 1980s, and it has since travelled far into coaching and management. In its classic form it sounds roughly like this:

> "Suppose that tonight, while you are asleep, a miracle happens and the problem we have been talking about is solved. You don't know it happened, because you were asleep. When you wake up tomorrow, what is the first thing you would notice that tells you something has changed?"

## Why it works

- **It switches from problem talk to solution talk.** Instead of explaining once more why things are hard, the rep starts describing what "better" looks like.
- **It gets past "I don't know".** Because the question is hypothetical, the rep does not have to know *how* to get there. They only need to imagine being there, which is much easier.
- **It keeps you from steering.** You do not suggest a solution. The picture of success comes entirely from the rep, which fits the principle from the previous module perfectly.
- **It reveals what the rep actually wants.** Sometimes that turns out to be different from what you assumed the problem was.
- **It turns vague goals into observable ones.** "Be more successful" becomes "I'd open my calendar and see three first meetings booked".

## What it is not

It is not a trick to get the rep to agree with you, and it is not a motivational speech. It also does not replace the rest of the conversation. The miracle question opens a door; the questions you ask afterwards determine whether anyone walks through it. The next lessons cover how to ask it well and what to ask next.
"""

_C1_MIRACLE_ASK_WELL = """## The delivery matters as much as the words

The miracle question can fall completely flat. Asked quickly, in passing, between two other questions, it sounds odd or even silly, and the rep answers with a shrug. Asked well, it can shift a conversation in a minute. The difference lies almost entirely in how you ask it.

## Announce it

Let the rep know something unusual is coming: "Can I ask you a slightly strange question?" This gives permission to think differently and signals that you are not after a quick, sensible answer.

## Slow down

Say it more slowly than you normally speak. Pause between the parts: tonight... while you sleep... a miracle happens... the problem is solved... but you don't know it yet. The slower pace invites the rep into an imagined scene instead of a debate.

## Keep it clearly hypothetical

Words such as *suppose*, *imagine* and *what if* matter. They lift the pressure of having to be realistic. Do not ask "What will you change tomorrow?"; that is a planning question and brings back every constraint the rep already feels.

## Make it concrete and in the present

Ask what they would *notice*, *see* or *do*, not how they would feel. "I'd feel more relaxed" is a start, but "I'd walk in and start with the call I've been avoiding" gives you something to work with.

## Wait

After asking, stop talking. The first answer often comes after a long pause and is often small. Let it come.

## Fit it to the world of sales

You can adapt the setting without losing the effect:

- "Imagine you open your laptop on Monday morning and this has been sorted out. What's the first thing you'd see?"
- "Suppose the quarter ends and this account has gone exactly the way you hoped. What would you be telling me in our review?"

## When not to use it

Skip it for simple, practical questions and for moments when a rep is upset and needs to be heard first. Save it for the situations where someone is stuck, discouraged or unclear about what they really want.
"""

_C1_FOLLOW_UP = """## The first answer is only the beginning

The first reply to a miracle question is usually short and a bit vague: "I'd have more deals," or "I wouldn't be stressed." If you stop there, you have a nice thought and nothing more. The real work starts with the follow-up questions.

## Detail questions: colour in the picture

Your aim is to make the imagined morning so concrete that the rep can almost see it. Useful questions:

- "What else would be different?" Ask it several times. The third or fourth answer is often the most useful.
- "What would you be doing differently?"
- "Who would notice first? What would they see?"
- "What would your customer notice about you?"
- "If I followed you around that day, what would I see you do?"

When a rep describes what would *stop* ("I wouldn't dread Mondays"), ask what would be there instead: "What would you be doing on Monday morning?" A positive, observable description is easier to work towards.

## Look for what already works

Ask: "When did a small piece of that miracle already happen?" Almost everyone can find a day or a deal where part of the picture was already true. That moment shows what works and proves the goal is not pure fantasy.

## Scaling questions: from dream to next step

Scaling questions turn the picture into something measurable:

1. "On a scale of 0 to 10, where 10 is the morning after the miracle and 0 is the worst it has been, where are you now?"
2. "What makes it a 4 and not a 2?" This highlights what is already working and is often surprisingly encouraging.
3. "What would one point higher look like?" Keep it small: one point, not ten.
4. "What could you do this week to move in that direction?"

You can also scale confidence: "How sure are you, from 0 to 10, that you'll do this?" If the answer is below 7, ask what would make it one point higher, or make the step smaller.

## The shape of the conversation

Miracle question, detail questions, exceptions, scaling, one small step. That sequence takes a rep from "I don't know" to a concrete action they chose themselves, and your contribution was nothing but questions.
"""

_C1_EXAMPLE_PIPELINE = """## The situation

Daniel has been an account executive for three years. His pipeline for next quarter is thin and he knows it. He has stopped prospecting almost entirely and spends his days on existing customers. His manager, Marieke, has already pointed out the pipeline gap twice. Both times Daniel agreed, and nothing changed.

This time she tries something different.

> **Marieke:** Can I ask you a slightly unusual question?
>
> **Daniel:** Sure.
>
> **Marieke:** Suppose that tonight, while you're asleep, a miracle happens. The whole pipeline thing is solved. But you were asleep, so you don't know. What's the first thing you'd notice tomorrow morning?
>
> **Daniel:** *(long pause)* I suppose I wouldn't have that knot in my stomach when I open my calendar.
>
> **Marieke:** What would you see in the calendar instead?
>
> **Daniel:** A couple of first meetings. New names. And a block in the morning that's actually for calling, not for admin.
>
> **Marieke:** What else would be different?
>
> **Daniel:** I'd be calling people I actually want to work with. Right now cold lists feel pointless. I'd be calling companies like the two we won last spring.
>
> **Marieke:** When did a bit of that already happen?
>
> **Daniel:** Last spring, actually. I went through our best customers and looked for similar firms. I booked four meetings in two weeks.
>
> **Marieke:** On a scale of 0 to 10, where 10 is that miracle morning, where are you now?
>
> **Daniel:** A 3.
>
> **Marieke:** What makes it a 3 and not a 1?
>
> **Daniel:** I know the approach works. I just stopped doing it.
>
> **Marieke:** What would a 4 look like?
>
> **Daniel:** Ten companies like our best customers on a list, and Tuesday and Thursday mornings blocked for an hour of calls.

## What made this work

Marieke never mentioned prospecting targets or call numbers. Daniel described the goal, remembered what had worked before and set his own first step. Her earlier advice had been correct but produced nothing. This time the plan came in his words, so he believed it. She closed by asking when they would look at it together, and they agreed on a ten-minute check-in the next Friday.
"""

_C1_EXAMPLE_KEY_ACCOUNT = """## The situation

Aisha manages a large retail account that brings in a significant share of her region's revenue. Every negotiation turns into a fight about price. The buyer threatens to go to a competitor, Aisha gives in on discount, and she leaves each meeting feeling beaten. She comes to her manager, Joost, frustrated: "I'm sick of this account."

Joost is tempted to give her his standard talk on selling value. Instead he asks.

> **Joost:** Can I try an odd question on you?
>
> **Aisha:** Go on.
>
> **Joost:** Imagine the next review meeting with this client has already happened, and somehow it went exactly the way you'd want. A small miracle. What would have been different about that meeting?
>
> **Aisha:** The buyer wouldn't start with price.
>
> **Joost:** What would he start with instead?
>
> **Aisha:** *(pause)* Their problems. Their stores had stock gaps all autumn. If we talked about that, we'd be talking about something we're actually good at.
>
> **Joost:** Who else would be in the room?
>
> **Aisha:** Their logistics manager. She's the one who feels the stock problems. The buyer only sees the invoice.
>
> **Joost:** What would you be doing in that meeting?
>
> **Aisha:** Showing numbers on how our delivery reliability saved them money. And I wouldn't be offering discount in the first ten minutes out of nerves.
>
> **Joost:** On a scale from 0 to 10, where 10 is that meeting, where are you today?
>
> **Aisha:** A 2. Maybe 3, because I do have the delivery data.
>
> **Joost:** What's one step toward a 4?
>
> **Aisha:** Call the logistics manager before the next review and ask what the stock gaps cost them.
>
> **Joost:** How confident are you, 0 to 10, that you'll make that call?
>
> **Aisha:** An 8. I've met her once already.

## What made this work

Joost stayed inside a clear frame: the company's pricing policy and margin targets were not up for discussion, and he never suggested otherwise. Within that frame, Aisha found her own route from fighting over price to talking about value. The idea of involving another stakeholder came from her, not from a sales training slide, and so did the confidence to pick up the phone.
"""

_C1_PITFALLS = """## The question is simple; the mistakes are predictable

Once managers discover the miracle question, they tend to make the same handful of mistakes. Knowing them in advance saves you a few awkward conversations.

## 1. Smuggling in your own answer

"Suppose a miracle happened and you'd started prospecting every morning. What would that be like?" This is no longer a miracle question; it is advice wearing a costume. The whole point is that the rep fills in the picture. If you catch yourself describing the solution inside the question, stop and start again.

## 2. Rushing

Asking quickly, in a flat voice, with no pause afterwards, turns a powerful question into a strange one. Slow down, and give the rep time to step into the scene.

## 3. Accepting the first, vague answer

"I'd feel better" is not yet something anyone can act on. Keep asking what they would notice, do or see, and what others would notice about them.

## 4. Staying with what would disappear

"The customer wouldn't complain any more" describes the absence of a problem. Ask what would be happening instead. People cannot work towards an absence, but they can work towards a behaviour.

## 5. Stopping at the dream

A beautiful picture with no next step evaporates by Thursday. Always bring it back to the present with scaling questions and one small, concrete action the rep chooses.

## 6. Using it for everything

If every one-on-one starts with a miracle, your team will roll their eyes. Keep the question for real stuckness, bigger goals or moments when a rep is unclear about what they want.

## 7. Judging the answer

When the rep describes a miracle that strikes you as unrealistic, do not correct it. Ask more detail questions. Unrealistic parts usually shrink on their own once the picture gets concrete, and the rep will often bring it back within reach without your help.

## A quick self-check

After each miracle-question conversation, ask yourself: who described the goal? Who chose the next step? How much of the time was I talking? If the answers are "the rep", "the rep" and "not much", you did it well.
"""

_C1_OWNERSHIP = """## Compliance is not commitment

A rep can say yes to a plan and feel no ownership of it at all. You know the signs: the plan gets done to the letter and no further, progress stalls the moment you stop asking about it, and any setback becomes proof that "your idea" did not work. Compliance keeps people moving while someone watches. Ownership keeps them moving when nobody does.

## What intrinsic ownership looks like

When the agenda really belongs to the rep, you notice:

- They bring the topic to the one-on-one, instead of waiting for you to raise it.
- They talk about the plan as "my plan" and adjust it themselves when circumstances change.
- Setbacks lead to "what shall I try next?" rather than "I told you it wouldn't work."
- They report progress without being chased.

This kind of ownership comes from within. It grows when people feel that the goal matters to them, that they have a real say in how to get there, and that they are becoming better at something.

## Where ownership gets lost

Managers often take ownership away without noticing. They choose the topic, set the goal, pick the method and schedule the follow-up. The rep's only contribution is agreement. Even with the kindest tone, the message is that this is the manager's agenda.

## Questions that build ownership

- "What would you like to get out of this conversation?"
- "Which part of your results matters most to you right now?"
- "How would you like to approach it?"
- "What would make this worth your effort?"
- "How would you like us to follow up, and when?"

Even the last question is worth asking. Letting the rep choose how and when you check in keeps the follow-up theirs rather than a form of supervision.

## A realistic view

Not every goal will excite every rep. Targets exist, and some tasks are simply part of the job. But there is almost always room to find a personal angle: a skill they want to build, a type of customer they enjoy, a career step they are aiming for. Linking the organisation's goal to that angle is where ownership starts.
"""

_C1_FRAME = """## Freedom inside a frame

Coaching in a company is not the same as coaching a private client. Your rep's plans have to fit the organisation's goals, values and norms. A rep who decides the best way to hit target is to promise features that do not exist is not showing ownership; they are heading for trouble. So how do you keep the agenda theirs while staying within bounds?

## Name the frame openly

The cleanest approach is transparency. At the start, say what is fixed and what is open: "The quarterly target and our pricing rules are a given. How you get there is completely up to you, and that's what I'd like to explore." People do not mind limits nearly as much as they mind hidden limits that show up halfway through.

## Ways to steer without taking over

- **Choosing the topic.** You can legitimately decide that this conversation is about new business rather than admin. The content remains theirs.
- **Questions that bring the frame in.** "How does that fit with our margin rules?" or "What would the customer say about that in a year?" lets the rep test their own idea against reality.
- **Widening the options.** "What other ways could you get there?" opens alternatives when a rep is fixed on something that will not fly.
- **Selective summaries.** When you summarise, you can give more weight to the ideas that fit the frame well. Do this honestly, never as manipulation.

## When the rep's wish falls outside the frame

Sometimes the rep's answer simply does not fit: they want to drop a product line or refuse a whole segment. Say so plainly and respectfully, then look for the overlap: "That one isn't possible here. What is it about it that appeals to you? Is there a version of that which would work within our setup?" Often the underlying wish, such as more variety, more autonomy or fewer frustrating customers, can be met another way.

## The test

At the end, ask yourself: could the rep explain this plan to a colleague as their own, and would the sales director recognise it as fitting our direction? If both answers are yes, you have found the balance.
"""

_C1_PRIVATE_LIFE = """## The same skills, a different setting

Everything in this course works outside the office too. Listening more than you speak, asking instead of telling, and letting people arrive at their own conclusions are just as valuable with your partner, your children, your friends or the volunteers at your sports club. Many participants say the biggest surprise of this master class was what it did for them at home.

## Why it helps at home

At home, the transmitting reflex is often even stronger. We love the people close to us, we see their problems clearly, and we want to fix them. A teenager hearing "you should just start your homework earlier" for the twentieth time has long since stopped listening. Questions give them room to think and usually lead to a calmer evening.

## A small example

> **Parent:** Can I ask you something a bit strange? Imagine you wake up on Monday and this whole homework stress has gone away. What would be different?
>
> **Teenager:** I wouldn't have that maths test hanging over me.
>
> **Parent:** What would you be doing instead on Sunday evening?
>
> **Teenager:** Just gaming without feeling guilty. Because I'd have done it on Saturday morning, I guess.

The parent did not say a word about Saturday morning. The plan came from the teenager, and so did the motivation to try it.

## Handle with care

- **Ask, don't run a programme.** Family members did not sign up for a coaching session. Keep it light and natural, and drop it if they are not in the mood.
- **Sometimes people just need to be heard.** A friend sharing a painful story usually wants support, not questions about scales and miracles.
- **Stay honest.** If you have a strong opinion, say so openly rather than steering through questions.

## Practice that pays off twice

Home is also a great practice ground. The habits you build at the dinner table, such as holding back advice, waiting through a silence and asking one more question, travel with you into Monday's one-on-ones. Both your evenings and your Mondays tend to get a bit calmer.
"""

_C1_HABIT = """## From course to routine

A master class can change how you think about coaching in a few hours. Changing how you actually lead takes practice over weeks. This lesson helps you build coaching into your ordinary week, so it does not depend on remembering or on having a quiet moment.

## A simple one-on-one structure

Give each rep a regular slot, weekly or fortnightly, of thirty minutes. A structure that works well:

1. **Their topic first (15 minutes).** "What would you like to use this time for?" Coach on whatever they bring.
2. **Pipeline and numbers (10 minutes).** Ask questions before giving opinions: "Which deal worries you most, and what would move it forward?"
3. **Close in their words (5 minutes).** "What are you taking from this, and what will you do first?"

## Keep a practice log

After each coaching conversation, spend two minutes noting: which technique you used, the question you asked, what the rep came up with, the next step they chose, and roughly what share of the time you were talking. Over a few weeks, the log shows patterns: which questions work for you, which reps you still tend to lecture, and whether your talking share is falling.

## Look at the right signals

Do not wait for quarterly revenue to tell you whether coaching works. Earlier signals are more useful:

- Reps bring their own proposals to one-on-ones.
- Agreed next steps actually happen before the next meeting.
- Pipeline activity rises in the areas reps chose to work on.
- You spend less time firefighting deals at the last minute.

Revenue follows these signals, usually within one or two quarters.

## Practise with peers

If you can, pair up with another manager. Once a month, share one conversation from your log and ask each other: what went well, where did I take over, what question could I have asked instead? Coaches who are coached themselves improve much faster.

## Start small

Do not try to transform every conversation at once. Choose one rep and one technique for the next two weeks. When that feels natural, add the next. Steady, small progress is the way new habits take hold, as the companion course on changing behaviour explains in depth.
"""

# ---------------------------------------------------------------------------
# Course 2: Successfully Changing Behavior
# ---------------------------------------------------------------------------

_C2_WANTING_DOING = """## Two separate things

A rep tells you, sincerely, that from now on they will prospect every morning before opening their inbox. They mean it. Two weeks later, the mornings look exactly as they did before. Did they lie? Almost certainly not. They wanted to change, and wanting simply turned out not to be enough.

Wanting is a state of mind. Doing is a behaviour in a specific moment, often a busy, tired or distracted one. The two are connected far more loosely than we like to think. Research on the gap between intention and action keeps finding the same thing: even strong, honest intentions lead to actual behaviour change much less often than people expect.

## Why this matters for managers

If you assume that wanting equals doing, two things go wrong.

- **You stop too early.** Once the rep has said "yes, I'll do that", you tick the box and move on. The real work has not yet started.
- **You misread what happens next.** When the behaviour does not appear, it is tempting to conclude that the rep was not serious or does not care. That conclusion damages trust, and it is usually wrong.

## A more useful view

Treat an intention as the starting point of a change, not as its result. The question is not only "Do you want this?" but also "What will help you actually do it on a normal Tuesday, when the phone is ringing and a customer is unhappy?"

## What this course offers

In this master class you will:

- look honestly at your own track record with change;
- understand why a conversation or two rarely shifts ingrained habits;
- learn practical techniques such as small steps, cues, if-then plans, tracking, check-ins and buddies;
- apply them when coaching your sales team;
- and finish by writing a commitment plan of your own, with follow-up check-ins built in.

The techniques are simple. Using them consistently is the part that takes skill, and that is exactly what you will practise.
"""

_C2_LOOK_AT_YOURSELF = """## Before you ask it of others

Before expecting a rep to change the way they work, it is worth a moment of honesty about yourself. Think back over the last few years. How many times did you firmly decide to do something differently, such as exercising three times a week, spending less time on your phone in the evening, finally keeping your CRM up to date, or leaving work on time? And how many of those decisions were still alive three months later?

For most people the answer is sobering. A handful of resolutions stuck, many faded quietly, and a few never got started at all. That is not a character flaw. It is simply what happens when ordinary humans try to change ingrained habits.

## Why this exercise matters

- **It builds patience.** Remembering how hard it was for you makes you a kinder and more realistic coach when a rep slips.
- **It builds humility.** If you could not simply decide your way into a new habit, there is no reason to expect your team to.
- **It gives you data.** Your own successes contain clues. What was different about the changes that stuck?

## Look at what worked

When participants compare their successful and failed resolutions, familiar patterns appear. The changes that lasted were usually:

- small and specific, rather than big and vague;
- tied to a fixed moment or routine;
- supported by someone else, such as a friend, a partner or a coach;
- visible, because progress was noted or tracked somewhere;
- connected to something that mattered personally.

The ones that failed tended to rely on willpower alone, and willpower is a resource that runs out by late afternoon.

## Bring it into your coaching

Next time a rep promises to change something, recall one of your own resolutions that failed. It will change the tone of your response, from "good, so that's settled" to "great, and what will help you keep it up when things get busy?" That small shift is the beginning of coaching behaviour change well.
"""

_C2_WHY_INTENTIONS_FADE = """## The usual suspects

Good intentions rarely fail because people are lazy. They fail for predictable reasons, and once you can name them, you can design around them.

## 1. Autopilot wins

Most of what we do in a working day runs on habit. Opening email first thing, answering the phone whenever it rings, saying "I'll send you some information" at the end of a call. Habits are fast and effortless; new behaviour is slow and takes attention. Under pressure, autopilot wins almost every time.

## 2. The environment keeps sending the old cues

The same desk, the same inbox, the same Monday meeting all trigger the same old responses. If nothing in the surroundings changes, the old behaviour keeps being invited.

## 3. Goals are too vague

"Be more proactive with clients" gives the brain nothing to act on. When exactly? With which client? Doing what? Vague goals produce vague results.

## 4. Costs now, rewards later

A cold call is uncomfortable right now; the benefit might arrive months later. Checking a quick email gives instant relief. Our brains heavily favour what pays off immediately.

## 5. All-or-nothing thinking

A rep plans ten calls a day, manages three on Tuesday, and concludes "this isn't working". One missed day becomes a reason to drop the whole plan, instead of a normal dip.

## 6. Competing priorities

The new behaviour has to fight for time with urgent customer issues, internal meetings and admin. Without a protected place in the week, it loses.

## 7. Stress and fatigue

Self-control is weakest when people are tired, stressed or hungry. Many plans that work fine on a calm Monday morning collapse on a hectic Thursday afternoon.

## What to take from this

Each of these causes points to a remedy. Autopilot calls for cues and routines, vague goals for specific plans, delayed rewards for visible tracking, all-or-nothing thinking for small steps and a kinder response to lapses. The rest of this course turns those remedies into practical tools you can use with yourself and your team.
"""

_C2_NOT_ONE_CONVERSATION = """## The "I've told him twice" frustration

Many sales managers know the feeling. You had a good conversation with a rep about, say, asking more questions before presenting. The rep understood, agreed and seemed motivated. A month later you sit in on a call and watch them launch into the slide deck after ninety seconds. You think: we discussed this. Twice.

The problem is not the conversation. The problem is the expectation that a conversation is enough.

## Why habits need more than insight

The old behaviour has been repeated hundreds or thousands of times. It is fast, familiar and linked to countless situations. Insight changes what someone *knows*. Behaviour changes only when the new action is repeated often enough, in the real situations, to start running by itself.

How long that takes varies a lot. A well-known study on forming new daily habits found that it took participants around two months on average for a behaviour to feel automatic, with a very wide spread: some managed in a few weeks, others needed the better part of a year. Complex behaviours, like changing how you run a sales conversation, tend to sit at the longer end.

## What this means in practice

- **Plan for a series, not a single talk.** Think of behaviour change as a short project lasting several weeks, with a beginning, regular touch points and a review.
- **Expect a dip.** Early enthusiasm fades after a week or two. That is the moment support matters most.
- **Keep check-ins short and frequent.** Five minutes every week beats one long conversation every quarter.
- **Judge progress by direction, not perfection.** A rep who asks questions first in half their calls, up from almost none, is succeeding.

## Adjust your own expectations

When you notice the "I told him twice" thought, treat it as a cue. Replace it with a question to yourself: what support have I set up to help this new behaviour survive a busy week? If the honest answer is "none", you know where to start.
"""

_C2_SETBACKS = """## Lapses are part of the plan

Anyone who changes behaviour will slip. The rep who committed to logging every call in the CRM forgets for three days during a trade show. The manager who decided to stop giving advice in one-on-ones catches themselves lecturing again. This is not failure; it is the normal shape of change. What matters is what happens right after the slip.

## The "what-the-hell" effect

A common reaction to a lapse is: "I've blown it anyway, so why bother?" One missed day turns into a missed week, then the plan is quietly abandoned. The lapse itself did little harm. The story told about it did.

## Responding to a lapse, your own or a rep's

- **Stay neutral.** Treat it as information, not a verdict. "Interesting, what happened there?" works far better than disappointment.
- **Look at the situation, not the person.** What was different on those days? Travel, a difficult customer, a deadline?
- **Get back on track quickly.** The single most useful rule is "never miss twice". One lapse is noise; two in a row start to become a pattern.
- **Adjust the plan.** Maybe the step was too big, or the cue did not fit that week's routine. Make it smaller or change the moment.

## Plan for risky moments in advance

Most lapses happen in predictable situations. Ask: "When is this most likely to go wrong?" Common answers in sales are the last week of the quarter, days on the road, and the morning after a lost deal. Then make a specific plan for that moment: "When I'm travelling, I will log calls from the train before checking email."

## What to say as a manager

When a rep admits a lapse, the first reaction you give determines whether they will be honest next time. Thank them for telling you, ask what they learned, and ask what they want to adjust. A team in which lapses can be mentioned openly will change much faster than one in which everyone pretends all is well.
"""

_C2_TRAJECTORY = """## From one talk to a short journey

Since one conversation is rarely enough, it helps to plan behaviour change as a series of short conversations over six to eight weeks. Each conversation has its own purpose, so none of them has to carry everything.

## 1. The starting conversation (30 minutes)

Explore what the rep wants to change and why it matters to *them*. The miracle question is ideal here: what would be different once this new behaviour comes naturally? End with a clear, specific description of the behaviour in the rep's own words.

## 2. The design conversation (20 minutes)

Turn the goal into a practical plan: the smallest useful first step, the moment it will happen, an if-then plan for that moment, and a simple way to track it. Often this fits at the end of the first conversation; sometimes it needs its own slot a few days later.

## 3. Short check-ins (5 to 10 minutes, weekly)

Three questions do the job: What went well? What got in the way? What will you adjust for next week? Keep it light. The aim is support and learning, not inspection.

## 4. The review (30 minutes, after four to six weeks)

Look back together. Use a scaling question: "Where were you at the start, and where are you now?" Discuss what made the difference, and decide whether to build the behaviour up, move to a next behaviour, or keep practising.

## 5. Consolidation

Once the behaviour runs by itself, check in less often, perhaps once a month, but do not drop it completely. Old habits can creep back under pressure, and a quick question now and then keeps the new one alive.

## Keep it owned by the rep

Throughout, let the rep set the pace where possible. Ask how often they would like to check in, and how. Some prefer a quick message on Friday, others a short chat after the team meeting. A trajectory they helped design feels like support rather than monitoring, and that makes all the difference to how honestly they report.
"""

_C2_SMALL_STEPS = """## Start smaller than feels sensible

When people decide to change, they tend to aim big: twenty prospecting calls a day, a perfect CRM, no more discounts at all. Big goals feel motivating on Sunday evening and crushing by Wednesday. A far more reliable approach is to start with a step so small it almost feels silly.

## Why small steps work

- **They survive bad days.** A tiny action can be done even when you are tired, busy or discouraged. The routine keeps running.
- **They build confidence.** Each completed step is evidence that change is possible. Success breeds the willingness to do more.
- **They make starting easy.** The hardest part of most behaviours is getting going. Once a rep has made one call, the second is much easier.
- **They lay down the habit.** What matters early on is repetition in the right moment, not volume. Volume can come later.

## What small looks like in sales

- Instead of "prospect every day for an hour": "make two calls at 9:00 before opening email".
- Instead of "always keep the CRM up to date": "log the call before leaving the customer's car park".
- Instead of "stop giving discounts too quickly": "in the next negotiation, ask one question about what's driving the price request before responding".
- For a manager, instead of "coach instead of advise": "in each one-on-one this week, ask one open question before giving any opinion".

## The step should be clearly doable

A simple check: ask the rep how confident they are, from 0 to 10, that they will do the step this week. If the answer is lower than 7, make it smaller. It is much better to succeed with a modest step than to fail at an ambitious one.

## Grow it deliberately

Once the small step has happened reliably for a week or two, increase it a little: three calls instead of two, or the same behaviour on an extra day. Growth should come from success, not from impatience. And if things slip, going back one step is not a defeat but a sensible adjustment.
"""

_C2_IF_THEN = """## Give the new behaviour a moment

A new behaviour without a fixed moment depends on remembering, and remembering fails in a busy sales week. The fix is to link it to a cue: a specific situation that is already part of the day and that will trigger the new action.

## The if-then plan

Psychologists call this an implementation intention. The format is simple:

**When [situation], I will [behaviour].**

Some examples from sales:

- When I sit down at my desk on Monday, Tuesday and Thursday, I will make two calls before opening email.
- When a customer asks for a discount, I will first ask what's behind the request.
- When I end a customer call, I will log it in the CRM before I do anything else.
- When a rep brings me a problem in a one-on-one, I will ask at least two questions before I share any idea.

Research on this technique consistently shows that people who make plans like these follow through on their intentions noticeably more often than people who only set a goal. The plan hands the decision to the situation, so there is no need to rely on willpower in the moment.

## What makes a good cue

- **It happens reliably.** "Whenever I have a spare moment" is not a cue; "right after the Monday team meeting" is.
- **It is specific.** A clear time, place or event, not a mood.
- **It sits close to the behaviour.** The action should be possible right there and then.

## Plan for obstacles too

If-then plans work just as well for expected obstacles: "If a client cancels my prospecting slot with an urgent request, I will move the calls to 16:00 that same day." Ask reps what is most likely to get in the way, and build a plan for that moment as well.

## Write it down and say it aloud

An if-then plan works better when it is written down, in the person's own words, and kept visible: on a sticky note, as a calendar entry, or as the first line in a notebook. Reading it back once or twice helps it stick.
"""

_C2_TRACKING = """## What gets noticed gets done

Tracking turns an intention into something visible. It shows whether the behaviour is actually happening, it rewards every small success, and it gives coach and coachee something concrete to talk about at check-ins.

## Track the behaviour, not only the result

Sales teams are used to measuring results: revenue, deals won, conversion rates. Those are lag measures, which arrive weeks or months after the behaviour that caused them. For behaviour change, you need lead measures: the actions themselves.

- Not only "new meetings booked" but "prospecting calls made".
- Not only "average discount" but "negotiations where I first asked about the reason".
- Not only "team results" but, for a manager, "one-on-ones where I spoke less than half the time".

Lead measures move quickly, are fully under the person's control and show progress long before the results do.

## Keep it simple

The best tracking system is the one that still gets used in week five. A tally on a card, a tick in a paper calendar, a simple note on the phone or a small spreadsheet all work. Elaborate dashboards tend to be abandoned. Tracking should take seconds, and ideally happen right after the behaviour itself.

## Use streaks with care

A row of ticks is motivating, and many people enjoy keeping the chain unbroken. But when a streak breaks, remind the person of the rule from the earlier module: never miss twice. A broken chain is a reason to restart tomorrow, not a reason to quit.

## Review once a week

Once a week, look at the record for two minutes. Questions that help: On which days did it work? What was different on the days it did not? What do I want to adjust? This weekly look is also a natural agenda for a short check-in with a manager or buddy.

## Tracking is not control

When a manager tracks a rep's behaviour for them, it easily becomes surveillance. Let the rep keep their own record and choose what to share. Ownership of the data supports ownership of the change.
"""

_C2_CHECKINS_BUDDIES = """## Nobody changes alone

People who know someone will ask about their progress are far more likely to keep going. That is the value of follow-up check-ins and of buddies: they add a gentle social commitment to a private intention.

## Check-ins that help

A good check-in is short, regular and curious. Five to ten minutes a week is usually enough. Agree the rhythm in advance, and put the dates in the calendar straight away; a check-in that depends on someone remembering rarely happens.

Useful questions:

- "What went well since last time?"
- "Where did it get difficult?"
- "What did you learn from that?"
- "On a scale from 0 to 10, where are you now?"
- "What will you do differently next week?"

Start with what went well. It keeps the conversation positive and helps people notice progress they would otherwise overlook.

## Check-ins that hurt

Some follow-up is counterproductive. Avoid turning the check-in into an inspection, reacting with visible disappointment, or checking in only when something goes wrong. If people dread the conversation, they will start to hide lapses, and you lose the most valuable information you have.

## Buddies

A buddy is a peer who is also working on a change, ideally not their manager. Two reps each working on their own behaviour can check in with each other briefly every week. Buddies work well because:

- the relationship is equal, so it feels like support rather than supervision;
- they understand the daily reality of the job;
- explaining your progress to someone else makes you reflect on it.

Pair people thoughtfully, keep the format simple, and let the buddies agree their own rhythm. Managers can have buddies too: another manager who is also practising coaching is ideal.

## Combine the tools

Small steps, if-then plans, tracking, check-ins and buddies reinforce each other. A small step tied to a clear cue, ticked off on a card and discussed with a buddy every Friday is much more likely to last than any one of those tools on its own.
"""

_C2_COACHING_IN_ONE_ON_ONES = """## Putting it all together

You now have the ingredients: ownership, the miracle question, small steps, if-then plans, tracking, check-ins and buddies. This lesson shows how they fit into one coaching approach for a rep who wants to change a behaviour.

## Step 1: Let the rep choose the behaviour

Start with what the rep wants to improve, within the frame of the team's goals. If you have a concern of your own, share it honestly as an observation, then ask what they make of it. A behaviour the rep chose will get far more effort than one you assigned.

## Step 2: Picture the result

Use the miracle question: "Imagine it's a few months from now and this has become second nature. What would a customer notice? What would you notice?" Follow up with detail questions until the picture is concrete.

## Step 3: Define one small behaviour

From that picture, help the rep choose one specific, observable behaviour. "Better discovery" becomes "ask three open questions before showing any slide".

## Step 4: Build the plan together

Ask the rep to phrase an if-then plan, choose a simple way to track it, and decide how you will follow up. Check confidence with a scaling question and shrink the step if needed.

## Step 5: Follow up and adjust

Hold the short check-ins you agreed. Celebrate early progress, treat lapses as information, and adjust the step or the cue when it does not work.

## An example in brief

A rep, Lotte, notices she loses deals at the proposal stage. In conversation she realises she sends proposals without confirming the decision process first. Her plan: "When a client asks for a proposal, I will first ask who else will be involved in the decision." She tracks it on a card and her buddy asks about it every Friday. After five weeks she does it almost every time, and she mentions, unprompted, that two proposals went through faster.

## What you do not do

You do not pick the behaviour for her, write the plan yourself, or track it on her behalf. Your role is to ask, to support and to follow up, so that the change stays hers.
"""

_C2_TEAM_CULTURE = """## Change is easier in a team that expects it

Individual coaching gets much further when the whole team treats learning and experimenting as normal. A culture in which people openly work on their habits makes change feel safe, and it multiplies what any single conversation can do.

## Go first

The most powerful thing a manager can do is to work on a behaviour of their own, visibly. Tell the team: "I've noticed I give too much advice in our one-on-ones. I'm working on asking more questions first. Feel free to tell me when I slip." This shows that changing is not a sign of weakness, and it gives everyone permission to try and fail.

## Make experiments a topic

Reserve a few minutes in the weekly sales meeting for behaviour experiments. Each person who is working on something shares briefly: what I tried, what happened, what I'll try next. Keep it light and specific. Over time, reps start borrowing each other's ideas and encouraging one another.

## Celebrate effort, not only outcomes

A rep who made their prospecting calls all week but booked no meetings yet has still done exactly what the change requires. Recognise the behaviour. If you only celebrate closed deals, people learn that the new behaviour is worthless until it pays off, and many will give up before it does.

## Make lapses safe to mention

When someone says "I slipped back this week", the reaction of the team and of the manager sets the tone. A response of interest rather than judgement tells everyone that honesty is welcome. That openness is what allows the team to learn.

## Use pairs

Set up buddy pairs for reps who are working on changes, and rotate them now and then. Pairs create small, regular moments of support without adding meetings to the calendar.

## Stay within the bigger picture

Tie the behaviours people choose to the team's goals. When a rep's personal experiment clearly contributes to a shared target, the team has a reason to support it, and the organisation sees why this way of working pays off.
"""

_C2_CHOOSING_COMMITMENT = """## Now it is your turn

Throughout this master class you have looked at how behaviour change works and how to coach it in others. The final module asks you to do it yourself. Coaches who have recently changed a habit of their own understand the process from the inside, and they coach it with more credibility and more patience.

## Choose one or two behaviours

Pick no more than two. More than that spreads your attention too thin, and the chance of success drops sharply. Good candidates for sales managers include:

- asking at least two questions before sharing any advice in one-on-ones;
- holding a coaching conversation with every rep at least once a fortnight;
- using the miracle question when a rep is stuck;
- following up agreed actions in a short weekly check-in;
- protecting one hour a week for your own development.

You may of course choose something from your private life. The same principles apply.

## Check your choice

A good commitment passes four tests:

1. **It matters to you.** Ask yourself: why do I want this? If the honest answer is "because I'm supposed to", look for a different angle or a different behaviour.
2. **It is observable.** Someone watching could tell whether you did it or not.
3. **It is within your control.** "Ask two questions first" is; "my team hits target" is not.
4. **It is small enough.** You are at least 7 out of 10 confident you can do it next week.

## Use the miracle question on yourself

Before you commit, try it: suppose that in three months this behaviour has become completely natural. What would your reps notice? What would your own week look like? Write down what comes to mind. That picture will help you on days when motivation runs low.

## Write down your why

Finally, note in one or two sentences why this behaviour matters to you. You will come back to it during your check-ins, and it is often the sentence that keeps you going when the novelty has worn off.
"""

_C2_PLAN_AND_CHECKINS = """## Turning a choice into a plan

With your behaviours chosen, it is time to write your commitment plan. A plan that can survive an ordinary, busy week has a few essential parts.

## The building blocks

For each behaviour, write down:

- **The if-then plan.** When [situation], I will [behaviour]. Choose a situation that happens reliably in your week.
- **The first small step.** What exactly will you do the first time, and when?
- **Your why.** One or two sentences on why this matters to you.
- **Your tracking method.** A tally card, a note on your phone or a column in your calendar. Keep it simple enough to use in seconds.
- **Likely obstacles and your if-then response.** What is most likely to get in the way, and what will you do when it does?
- **Your buddy.** Who will you tell about this plan, and how often will you talk?

## Build in follow-up check-ins

A plan without follow-up is a wish. Schedule your check-ins now, while your motivation is high. A rhythm that works for many people:

1. **After one week:** a quick look. Did the first steps happen? Is the cue right?
2. **After three weeks:** the dip usually arrives around here. What helps you keep going? What needs adjusting?
3. **After six weeks:** a real review. Where are you on a 0 to 10 scale, compared with the start? Is it time to grow the step, or to keep practising?

At each check-in, write down briefly what happened and what your next step is. This platform will remind you when a check-in is due and keep your notes together, so you can see your progress over time.

## Be kind to yourself

You will slip at some point. When you do, remember what you have learned: look at the situation, not your character, never miss twice, and adjust the plan rather than abandon it.

## Pass it on

Once your own plan is running, you will be better equipped to help your reps build theirs. You will know from experience what a good cue feels like, how motivating a row of ticks can be, and how much a friendly check-in helps. That experience will be the most convincing part of your coaching.
"""

# ---------------------------------------------------------------------------
# Exercises
# ---------------------------------------------------------------------------

_QUIZ_COACHING_VS_TRANSMITTING: dict[str, Any] = {
    "kind": "quiz",
    "title": "Coaching or transmitting?",
    "intro": "Four short situations from everyday sales management. Decide which response coaches and which one transmits.",
    "required": True,
    "pass_mark": 70,
    "max_attempts": 3,
    "questions": [
        {
            "text": 'A rep says: "My demo for the packaging company went badly; they hardly asked anything." Which reply is coaching rather than transmitting?',
            "multiple": False,
            "options": [
                {
                    "text": '"Next time, send the agenda a day ahead so they come prepared."',
                    "correct": False,
                    "explanation": "This is advice. It may be good advice, but it solves your picture of the problem before the rep has thought about it.",
                },
                {
                    "text": '"What did you notice about the moment they went quiet?"',
                    "correct": True,
                    "explanation": "An open question that invites the rep to look at the situation and draw their own conclusion.",
                },
                {
                    "text": '"Don\'t you think you should have done more discovery first?"',
                    "correct": False,
                    "explanation": "This is advice with a question mark attached. The expected answer is already built in.",
                },
                {
                    "text": '"That happens to me too; buyers are just tired of demos."',
                    "correct": False,
                    "explanation": "Sharing your own story moves the focus to you and closes the exploration instead of opening it.",
                },
            ],
        },
        {
            "text": "Which of these are typical risks of giving an experienced rep advice they did not ask for? Select all that apply.",
            "multiple": True,
            "options": [
                {
                    "text": "The rep agrees politely, and nothing changes.",
                    "correct": True,
                    "explanation": "Agreement is often the quickest way out of the conversation. It is not the same as commitment.",
                },
                {
                    "text": "The rep learns to bring every problem to you.",
                    "correct": True,
                    "explanation": "Each answer you supply teaches that the answers live with you, which builds dependency.",
                },
                {
                    "text": "The rep feels stronger ownership of the solution.",
                    "correct": False,
                    "explanation": "The opposite is true: an idea handed over stays the manager's idea.",
                },
                {
                    "text": "The advice fixes the manager's view of the problem rather than the rep's.",
                    "correct": True,
                    "explanation": "After hearing part of the story, managers fill in the rest from their own experience and may miss the real obstacle.",
                },
            ],
        },
        {
            "text": "When is telling, rather than coaching, the most appropriate choice?",
            "multiple": False,
            "options": [
                {
                    "text": "When a rep lacks factual information, such as how a new pricing rule works.",
                    "correct": True,
                    "explanation": "Information gaps are best closed by simply giving the information. Coaching is for thinking, motivation and behaviour.",
                },
                {
                    "text": "When a rep's motivation has dropped.",
                    "correct": False,
                    "explanation": "Motivation is exactly where telling fails. Questions help the rep reconnect with what matters to them.",
                },
                {
                    "text": "Whenever you are confident you know the best approach to a deal.",
                    "correct": False,
                    "explanation": "Being right is not the test. Even a correct answer tends not to be acted on when the rep does not own it.",
                },
                {
                    "text": "When a rep has many years of experience.",
                    "correct": False,
                    "explanation": "Experienced reps usually benefit most from coaching, because they already have the knowledge to find their own answers.",
                },
            ],
        },
        {
            "text": '"Wouldn\'t it be smarter to involve procurement earlier?" What kind of question is this?',
            "multiple": False,
            "options": [
                {
                    "text": "An open coaching question.",
                    "correct": False,
                    "explanation": "It can be answered with yes or no, and the desired answer is obvious. It is not open.",
                },
                {
                    "text": "Advice disguised as a question.",
                    "correct": True,
                    "explanation": 'The manager already knows the answer they want. A truly open version would be: "Who else has a say in this purchase?"',
                },
                {
                    "text": "A scaling question.",
                    "correct": False,
                    "explanation": "Scaling questions ask for a position on a scale, for example from 0 to 10.",
                },
                {
                    "text": "A miracle question.",
                    "correct": False,
                    "explanation": "A miracle question invites the rep to imagine the problem solved and describe what they would notice.",
                },
            ],
        },
    ],
}

_QUIZ_MIRACLE: dict[str, Any] = {
    "kind": "quiz",
    "title": "Asking the miracle question well",
    "intro": "Check your understanding of how to ask the miracle question and what to do with the answer.",
    "required": True,
    "pass_mark": 70,
    "max_attempts": None,
    "questions": [
        {
            "text": "Which version of the miracle question is asked best?",
            "multiple": False,
            "options": [
                {
                    "text": '"Suppose a miracle happened and you\'d started prospecting every morning. How would that feel?"',
                    "correct": False,
                    "explanation": "The manager's solution is smuggled into the question, so the rep no longer paints their own picture.",
                },
                {
                    "text": "\"Can I ask an unusual question? Imagine that tonight, while you sleep, this problem is solved... What's the first thing you'd notice tomorrow?\"",
                    "correct": True,
                    "explanation": "It is announced, clearly hypothetical, open, and asks for something observable.",
                },
                {
                    "text": '"What will you change tomorrow to fix this?"',
                    "correct": False,
                    "explanation": "This is a planning question. It brings back every constraint instead of letting the rep imagine the result.",
                },
            ],
        },
        {
            "text": 'The rep answers: "I just wouldn\'t be so stressed." What is the most helpful next question?',
            "multiple": False,
            "options": [
                {
                    "text": '"What would you be doing instead?"',
                    "correct": True,
                    "explanation": "It turns the absence of a problem into a concrete, observable behaviour the rep can work towards.",
                },
                {
                    "text": '"Great, so let\'s talk about time management."',
                    "correct": False,
                    "explanation": "This jumps to your own solution and ends the rep's exploration.",
                },
                {
                    "text": '"Why are you so stressed at the moment?"',
                    "correct": False,
                    "explanation": 'This pulls the conversation back into problem talk, and "why" can feel like an accusation.',
                },
                {
                    "text": '"On a scale of 0 to 10, how stressed are you?"',
                    "correct": False,
                    "explanation": "Scaling is useful later, but first the picture of success needs more detail.",
                },
            ],
        },
        {
            "text": "Which of these are useful follow-up questions after a miracle question? Select all that apply.",
            "multiple": True,
            "options": [
                {
                    "text": '"What else would be different?"',
                    "correct": True,
                    "explanation": "Asking this several times fills in the picture; later answers are often the most useful.",
                },
                {
                    "text": '"When did a small part of this already happen?"',
                    "correct": True,
                    "explanation": "Looking for exceptions shows what already works and that the goal is within reach.",
                },
                {
                    "text": '"Where are you now on a scale from 0 to 10, and what would one point higher look like?"',
                    "correct": True,
                    "explanation": "Scaling turns the picture into a measurable position and a small next step.",
                },
                {
                    "text": '"Shall I tell you what I would do?"',
                    "correct": False,
                    "explanation": "Offering your own solution at this point takes the ownership back from the rep.",
                },
            ],
        },
        {
            "text": "A rep puts herself at 3 on the scale. What is a good question to ask next?",
            "multiple": False,
            "options": [
                {
                    "text": '"Why only a 3?"',
                    "correct": False,
                    "explanation": "This focuses on what is missing and invites defending rather than thinking.",
                },
                {
                    "text": '"What makes it a 3 and not a 1?"',
                    "correct": True,
                    "explanation": "It draws attention to what is already working, which is encouraging and informative.",
                },
                {
                    "text": '"How do we get you to a 10 by next week?"',
                    "correct": False,
                    "explanation": "Far too big a jump. Aim for one point higher, not the whole way at once.",
                },
            ],
        },
    ],
}

_QUIZ_FRAME: dict[str, Any] = {
    "kind": "quiz",
    "title": "Ownership within the organisation's frame",
    "intro": "How do you keep the agenda the rep's own while respecting the company's goals, values and norms?",
    "required": False,
    "pass_mark": 70,
    "max_attempts": None,
    "questions": [
        {
            "text": "Which signs suggest that a rep truly owns their plan? Select all that apply.",
            "multiple": True,
            "options": [
                {
                    "text": "They raise the topic in the one-on-one without being asked.",
                    "correct": True,
                    "explanation": "Bringing the topic yourself is a strong sign the agenda feels like your own.",
                },
                {
                    "text": "They adjust the plan themselves when a customer situation changes.",
                    "correct": True,
                    "explanation": "Owners adapt their plan; people who merely comply wait for new instructions.",
                },
                {
                    "text": "They carry out exactly what was agreed and nothing more.",
                    "correct": False,
                    "explanation": "Doing the minimum to the letter is a typical sign of compliance rather than ownership.",
                },
                {
                    "text": "They report progress only when you ask for it.",
                    "correct": False,
                    "explanation": "Waiting to be chased suggests the plan still feels like the manager's agenda.",
                },
            ],
        },
        {
            "text": "What is the cleanest way to deal with limits such as targets and pricing rules in a coaching conversation?",
            "multiple": False,
            "options": [
                {
                    "text": "Name them openly at the start, and make clear that the route is up to the rep.",
                    "correct": True,
                    "explanation": "Transparent limits are easy to accept; hidden limits that surface halfway feel like a trap.",
                },
                {
                    "text": "Leave them out so the rep feels completely free.",
                    "correct": False,
                    "explanation": "The limits will surface anyway, and the rep will feel misled when their plan is rejected.",
                },
                {
                    "text": "Guide the rep step by step towards the plan you had in mind.",
                    "correct": False,
                    "explanation": "That is transmitting in slow motion. The plan stays yours, not theirs.",
                },
            ],
        },
        {
            "text": "A rep wants to stop serving an entire customer segment, which the company cannot allow. What is a good response?",
            "multiple": False,
            "options": [
                {
                    "text": "Agree, to protect the rep's sense of ownership.",
                    "correct": False,
                    "explanation": "Ownership works within the organisation's frame, not outside it.",
                },
                {
                    "text": "Say clearly that this is not possible, then ask what appeals to them about it and look for an option that fits.",
                    "correct": True,
                    "explanation": "Honesty about the frame, followed by curiosity about the underlying wish, often finds an acceptable alternative.",
                },
                {
                    "text": "Drop the subject and move on to pipeline figures.",
                    "correct": False,
                    "explanation": "The underlying frustration remains and will come back, probably in a less constructive form.",
                },
            ],
        },
    ],
}

_QUIZ_WANTING_DOING: dict[str, Any] = {
    "kind": "quiz",
    "title": "Wanting and doing",
    "intro": "Three questions on why good intentions so often fail to become new behaviour.",
    "required": True,
    "pass_mark": 70,
    "max_attempts": 3,
    "questions": [
        {
            "text": "A rep sincerely promised to update the CRM after every call, and two weeks later hasn't. What is the most likely explanation?",
            "multiple": False,
            "options": [
                {
                    "text": "The rep was never serious about it.",
                    "correct": False,
                    "explanation": "Sincere intentions fail all the time. Assuming bad faith damages trust and is usually wrong.",
                },
                {
                    "text": "An intention alone rarely beats established habits in a busy week.",
                    "correct": True,
                    "explanation": "Wanting and doing are loosely linked. Without cues, small steps and support, autopilot usually wins.",
                },
                {
                    "text": "The rep needs a stronger warning from the manager.",
                    "correct": False,
                    "explanation": "Pressure may create compliance for a while, but it does nothing about the habits that caused the lapse.",
                },
            ],
        },
        {
            "text": "Which of these commonly make good intentions fade? Select all that apply.",
            "multiple": True,
            "options": [
                {
                    "text": 'Vague goals such as "be more proactive".',
                    "correct": True,
                    "explanation": "Vague goals give no clear moment or action, so nothing specific happens.",
                },
                {
                    "text": "Costs that come now while the rewards arrive much later.",
                    "correct": True,
                    "explanation": "People strongly favour what pays off immediately, such as answering an easy email.",
                },
                {
                    "text": "A surrounding that keeps triggering the old routine.",
                    "correct": True,
                    "explanation": "The same desk, inbox and meetings keep inviting the same responses.",
                },
                {
                    "text": "Starting with a very small first step.",
                    "correct": False,
                    "explanation": "Small steps help change succeed; they survive bad days and build confidence.",
                },
            ],
        },
        {
            "text": "Why is it useful for a manager to look at their own past resolutions before coaching change in others?",
            "multiple": False,
            "options": [
                {
                    "text": "It gives realistic expectations and clues about what helps change stick.",
                    "correct": True,
                    "explanation": "Your own successes and failures teach patience and show which conditions make a difference.",
                },
                {
                    "text": "It proves that change is mainly a matter of willpower.",
                    "correct": False,
                    "explanation": "Most people find the opposite: willpower alone tends to run out.",
                },
                {
                    "text": "It allows the manager to tell the rep exactly what worked for them.",
                    "correct": False,
                    "explanation": "Handing over your recipe is transmitting. Use your experience to ask better questions instead.",
                },
            ],
        },
    ],
}

_QUIZ_CHANGE_TAKES_TIME: dict[str, Any] = {
    "kind": "quiz",
    "title": "Change takes more than a conversation",
    "intro": "Test your understanding of how behaviour change unfolds over time, and how to respond to lapses.",
    "required": True,
    "pass_mark": 70,
    "max_attempts": None,
    "questions": [
        {
            "text": "How should a manager plan support for a rep who wants to change how they run discovery calls?",
            "multiple": False,
            "options": [
                {
                    "text": "One thorough conversation, after which the rep should manage alone.",
                    "correct": False,
                    "explanation": "Insight from one conversation rarely outlasts the habits built over years of calls.",
                },
                {
                    "text": "A series of short conversations over several weeks, with brief regular check-ins.",
                    "correct": True,
                    "explanation": "Behaviour needs repetition in real situations, and regular support carries people through the dip.",
                },
                {
                    "text": "A quarterly review to see whether results have improved.",
                    "correct": False,
                    "explanation": "Too late and too infrequent. Results lag behind behaviour and the change may have faded long before.",
                },
            ],
        },
        {
            "text": "A rep missed their prospecting block for three days during a trade fair. What are good responses? Select all that apply.",
            "multiple": True,
            "options": [
                {
                    "text": "Ask what was different about those days.",
                    "correct": True,
                    "explanation": "Looking at the situation rather than the person turns the lapse into useful information.",
                },
                {
                    "text": "Help the rep make an if-then plan for days on the road.",
                    "correct": True,
                    "explanation": "Planning for predictable risky moments prevents the next lapse.",
                },
                {
                    "text": "Make clear you are disappointed, so it won't happen again.",
                    "correct": False,
                    "explanation": "Disappointment teaches people to hide lapses, and you lose the information you need.",
                },
                {
                    "text": "Encourage getting back on track the very next day.",
                    "correct": True,
                    "explanation": 'The "never miss twice" rule stops one lapse from growing into abandonment.',
                },
            ],
        },
        {
            "text": 'What is the "what-the-hell" effect?',
            "multiple": False,
            "options": [
                {
                    "text": "Giving up the whole plan after one slip because it feels ruined anyway.",
                    "correct": True,
                    "explanation": "The story told about the lapse does more harm than the lapse itself.",
                },
                {
                    "text": "Taking bold risks in a negotiation.",
                    "correct": False,
                    "explanation": "This is not a negotiation concept; it describes how people react to breaking a resolution.",
                },
                {
                    "text": "A manager's frustration after explaining something twice.",
                    "correct": False,
                    "explanation": "That frustration is real, but it is a different phenomenon: an expectation that talking alone changes habits.",
                },
            ],
        },
    ],
}

_QUIZ_TECHNIQUES: dict[str, Any] = {
    "kind": "quiz",
    "title": "Techniques that make behaviour stick",
    "intro": "Small steps, cues, if-then plans, tracking, check-ins and buddies: can you tell what makes each one work?",
    "required": True,
    "pass_mark": 70,
    "max_attempts": None,
    "questions": [
        {
            "text": "Which of these is a well-formed if-then plan?",
            "multiple": False,
            "options": [
                {
                    "text": '"I will prospect more often."',
                    "correct": False,
                    "explanation": "There is no situation and no specific behaviour, so nothing triggers the action.",
                },
                {
                    "text": '"When I sit down at my desk on Tuesday and Thursday, I will make two calls before opening email."',
                    "correct": True,
                    "explanation": "A reliable, specific cue linked to a small, concrete action.",
                },
                {
                    "text": '"When I feel motivated, I will call new prospects."',
                    "correct": False,
                    "explanation": "A mood is not a reliable cue. The plan should not depend on how you happen to feel.",
                },
            ],
        },
        {
            "text": "A rep says they are 5 out of 10 confident they will do their planned step this week. What do you suggest?",
            "multiple": False,
            "options": [
                {
                    "text": "Keep the step and remind them to try harder.",
                    "correct": False,
                    "explanation": "Low confidence predicts failure; effort alone rarely closes that gap.",
                },
                {
                    "text": "Ask what would make the step smaller or easier, until confidence is 7 or higher.",
                    "correct": True,
                    "explanation": "Succeeding at a modest step builds momentum; failing at a big one drains it.",
                },
                {
                    "text": "Double the step so they feel challenged.",
                    "correct": False,
                    "explanation": "A bigger step lowers the chance of success even further.",
                },
            ],
        },
        {
            "text": "What should a rep track when building a new prospecting habit? Select all that apply.",
            "multiple": True,
            "options": [
                {
                    "text": "The number of prospecting calls made.",
                    "correct": True,
                    "explanation": "A lead measure: fully under the rep's control and quick to show progress.",
                },
                {
                    "text": "Whether the calls happened at the planned moment.",
                    "correct": True,
                    "explanation": "This shows whether the cue works, which is key to building the habit.",
                },
                {
                    "text": "Only the revenue closed this quarter.",
                    "correct": False,
                    "explanation": "Revenue is a lag measure; it arrives too late to guide a new habit week by week.",
                },
            ],
        },
        {
            "text": "What makes a buddy different from a manager check-in?",
            "multiple": False,
            "options": [
                {
                    "text": "The relationship is equal, so it feels like support rather than supervision.",
                    "correct": True,
                    "explanation": "Peers understand the daily reality and carry no judgement about performance.",
                },
                {
                    "text": "A buddy is responsible for reporting progress to the manager.",
                    "correct": False,
                    "explanation": "That would turn the buddy into a supervisor and undermine the trust the arrangement depends on.",
                },
                {
                    "text": "A buddy chooses which behaviour the rep should work on.",
                    "correct": False,
                    "explanation": "The person changing chooses their own behaviour; the buddy supports.",
                },
            ],
        },
    ],
}

_ASSIGNMENT_MIRACLE: dict[str, Any] = {
    "kind": "assignment",
    "title": "Write your miracle question",
    "required": True,
    "prompt": """## The situation

Sanne has been an account manager at an office furniture wholesaler for four years and has always been one of the stronger performers. This quarter she has lost three renewals to a cheaper competitor. In your one-on-one she leans back and says:

> "Honestly, customers only care about price now. There's nothing I can do about it. I'm starting to wonder whether I'm still any good at this."

You notice your own reflex: you want to tell her to sell on service and total cost of ownership, as you used to do.

## Your task

Here is a sales situation. Write the miracle question you would ask, and the two follow-up questions.

1. Write the **miracle question** exactly as you would say it to Sanne, including how you would introduce it.
2. Write **two follow-up questions**: for example a detail question that makes her picture more concrete, and a scaling question that helps her find a first step.
3. Add a **short rationale** (around 100 words): why these questions, and how do they keep the solution in Sanne's hands rather than yours?
""",
    "rubric": [
        {
            "name": "Open and non-steering",
            "description": "The miracle question contains no hidden solution and leaves Sanne free to describe her own picture of success.",
            "max_score": 4,
        },
        {
            "name": "Hypothetical and well introduced",
            "description": "The question is clearly framed as imagined (suppose, imagine), is announced, and invites something observable rather than only a feeling.",
            "max_score": 4,
        },
        {
            "name": "Useful follow-up questions",
            "description": "One question adds concrete detail to the picture and one turns it into a realistic next step, for example through scaling.",
            "max_score": 4,
        },
        {
            "name": "Rationale",
            "description": "The rationale explains how the questions keep ownership with the rep and fit within the organisation's goals.",
            "max_score": 4,
        },
    ],
}

_ASSIGNMENT_IF_THEN: dict[str, Any] = {
    "kind": "assignment",
    "title": "Help a rep build an if-then plan",
    "required": True,
    "prompt": """## The situation

Ruben is a field sales rep for an industrial cleaning supplies company. After every customer visit he intends to log notes and next steps in the CRM, but in practice he does it on Friday afternoon from memory, or not at all. Follow-ups get missed and a colleague recently lost a sale because Ruben's notes on a shared account were empty. In your last conversation Ruben said: "I know, I know. I really want to get better at this."

## Your task

Write out how you would coach Ruben from wanting to doing.

1. Write **two or three questions** you would ask to help Ruben discover why it has not worked so far and what would help.
2. Draft an example of the **if-then plan** Ruben might arrive at, in his own words: "When [situation], I will [behaviour]." Include one plan for a likely obstacle.
3. Describe **how Ruben will track** the behaviour and **how and when you will follow up** in the coming four weeks.
""",
    "rubric": [
        {
            "name": "Ownership",
            "description": "The questions help Ruben find his own explanation and solution rather than receiving the manager's.",
            "max_score": 4,
        },
        {
            "name": "Quality of the if-then plan",
            "description": "The plan names a reliable, specific cue and a small, concrete behaviour, plus a plan for a likely obstacle.",
            "max_score": 4,
        },
        {
            "name": "Tracking and follow-up",
            "description": "Tracking is simple and kept by Ruben; check-ins are short, regular and scheduled.",
            "max_score": 4,
        },
    ],
}

_REFLECTION_TRANSMITTING: dict[str, Any] = {
    "kind": "reflection",
    "title": "Your transmitting habit",
    "required": False,
    "prompt": "Think back to your last few one-on-ones. In which moment did you give advice that nobody had asked for? What did the rep do with it afterwards, and what might have happened if you had asked a question instead?",
}

_REFLECTION_ADVICE: dict[str, Any] = {
    "kind": "reflection",
    "title": "Advice that went nowhere",
    "required": True,
    "prompt": "Describe a recent situation in which you gave a rep a clear, sensible solution that was never carried out. Looking at it through the principle that the coachee believes only what he himself says, what happened? Rewrite your advice as two open questions you could have asked instead.",
}

_PRACTICE_LOG_MIRACLE: dict[str, Any] = {
    "kind": "practice_log",
    "title": "Miracle question practice log",
    "required": True,
    "prompt": "Record at least three real coaching conversations in which you used the miracle question. For each one, note the topic, the exact question you asked, what the rep came up with, the next step they chose, and roughly what share of the conversation you did the talking. Use initials or a pseudonym, never a full name.",
    "min_entries": 3,
    "technique": "miracle_question",
}

_REFLECTION_COACH_HOME: dict[str, Any] = {
    "kind": "reflection",
    "title": "Coaching outside the office",
    "required": False,
    "prompt": "Choose one situation at home or among friends in which you would normally give advice. How could you use one of the techniques from this course instead? What do you expect would be different, for the other person and for you?",
}

_REFLECTION_RESOLUTION: dict[str, Any] = {
    "kind": "reflection",
    "title": "Your own track record",
    "required": True,
    "prompt": "When did you last resolve to change something, and what happened? Describe the resolution, how long it lasted, and what helped or got in the way. What does this teach you about what your reps need when they try to change?",
}

_REFLECTION_TEAM: dict[str, Any] = {
    "kind": "reflection",
    "title": "Change in your team",
    "required": False,
    "prompt": "Which behaviour change would make the biggest difference in your sales team? Think of one rep who might want to work on it. How would you open the conversation so the change becomes their own, and what support would you put in place for the weeks after?",
}

_PLAN_COMMITMENT: dict[str, Any] = {
    "kind": "plan",
    "title": "My commitment plan",
    "required": True,
    "prompt": "Write your personal commitment plan for one or two behaviours. For each, note the situation and behaviour as an if-then plan (When [situation], I will [behaviour]), why it matters to you, your first small step, how you will track it and who your buddy is. Then schedule your follow-up check-ins after one, three and six weeks. At each check-in you will record what happened and your next step.",
}

# ---------------------------------------------------------------------------
# Courses
# ---------------------------------------------------------------------------

COURSES: list[dict[str, Any]] = [
    {
        "slug": "coaching-sales-professionals",
        "title": "Coaching Sales Professionals",
        "summary": "Learn to lead your sales team by asking instead of telling, with the miracle question as your strongest tool.",
        "description": """Almost every sales manager says they coach. In practice, most one-on-ones are still a manager handing out advice, with the best of intentions and disappointing results. This master class helps you make the switch from telling to coaching, so your reps think for themselves, act on their own plans and grow.

You will learn why well-meant advice so often goes nowhere, and the principle that explains it: **the coachee believes only what he himself says**. You will practise the miracle question, a deceptively simple technique for reps who are stuck, together with the detail and scaling questions that turn it into a concrete next step. Two worked sales conversations show the whole sequence in action.

We also look at a question every manager in a company faces: how do you keep the rep's agenda truly their own while staying within the organisation's goals, values and norms? Finally, you will make coaching a weekly habit, keep a practice log of real conversations, and discover that the same skills make life at home easier too.

Coaching well takes practice, but it pays back quickly: more independent reps, better conversations, stronger sales results, and a job that feels a good deal lighter and more enjoyable.""",
        "outcomes": [
            "Recognise when you are transmitting advice and turn it into open questions.",
            "Apply the principle that people act on conclusions they put into words themselves.",
            "Ask the miracle question slowly and well, and follow it up with detail and scaling questions.",
            "Keep the rep's agenda their own while staying within the organisation's goals, values and norms.",
            "Build a weekly coaching routine and track your practice in a log.",
            "Use coaching techniques in private situations as well as at work.",
        ],
        "language": "en",
        "estimated_hours": 8,
        "modules": [
            {
                "title": "Leading well means coaching well",
                "summary": "Why the strongest sales leaders spend less time telling and more time asking.",
                "lessons": [
                    {
                        "slug": "why-leading-means-coaching",
                        "title": "Why leading well means coaching well",
                        "minutes": 10,
                        "free_preview": True,
                        "body": _C1_WHY_LEADING,
                    },
                    {
                        "slug": "the-transmitting-trap",
                        "title": "The transmitting trap: why good advice so often fails",
                        "minutes": 12,
                        "free_preview": False,
                        "body": _C1_TRANSMITTING,
                    },
                    {
                        "slug": "what-coaching-gives-the-coach",
                        "title": "What coaching gives the coach",
                        "minutes": 8,
                        "free_preview": False,
                        "body": _C1_WHAT_COACHING_GIVES,
                    },
                ],
                "exercises": [_QUIZ_COACHING_VS_TRANSMITTING, _REFLECTION_TRANSMITTING],
            },
            {
                "title": "The coachee believes only what he himself says",
                "summary": "The principle behind every good coaching conversation, and how to hand the talking to the rep.",
                "lessons": [
                    {
                        "slug": "believes-only-what-he-himself-says",
                        "title": "The coachee believes only what he himself says",
                        "minutes": 10,
                        "free_preview": False,
                        "body": _C1_BELIEVES_ONLY,
                    },
                    {
                        "slug": "talk-less-ask-more",
                        "title": "Talk less, ask more: the talk ratio",
                        "minutes": 10,
                        "free_preview": False,
                        "body": _C1_TALK_RATIO,
                    },
                    {
                        "slug": "from-advice-to-questions",
                        "title": "Turning your advice into questions",
                        "minutes": 12,
                        "free_preview": False,
                        "body": _C1_ADVICE_TO_QUESTIONS,
                    },
                ],
                "exercises": [_REFLECTION_ADVICE],
            },
            {
                "title": "The miracle question",
                "summary": "A question that helps a stuck rep picture the outcome they want before anyone talks about solutions.",
                "lessons": [
                    {
                        "slug": "what-is-the-miracle-question",
                        "title": "What the miracle question is and why it works",
                        "minutes": 10,
                        "free_preview": True,
                        "body": _C1_MIRACLE_WHAT,
                    },
                    {
                        "slug": "asking-the-miracle-question-well",
                        "title": "Asking it well: slowly, hypothetically, concretely",
                        "minutes": 10,
                        "free_preview": False,
                        "body": _C1_MIRACLE_ASK_WELL,
                    },
                    {
                        "slug": "detail-and-scaling-questions",
                        "title": "After the miracle: detail and scaling questions",
                        "minutes": 12,
                        "free_preview": False,
                        "body": _C1_FOLLOW_UP,
                    },
                    {
                        "slug": "example-thin-pipeline",
                        "title": "Worked example: the rep with a thin pipeline",
                        "minutes": 10,
                        "free_preview": False,
                        "body": _C1_EXAMPLE_PIPELINE,
                    },
                    {
                        "slug": "example-price-fight-key-account",
                        "title": "Worked example: the key account that only talks price",
                        "minutes": 10,
                        "free_preview": False,
                        "body": _C1_EXAMPLE_KEY_ACCOUNT,
                    },
                    {
                        "slug": "miracle-question-pitfalls",
                        "title": "Seven common mistakes with the miracle question",
                        "minutes": 8,
                        "free_preview": False,
                        "body": _C1_PITFALLS,
                    },
                ],
                "exercises": [_QUIZ_MIRACLE, _ASSIGNMENT_MIRACLE],
            },
            {
                "title": "Their agenda, your organisation's frame",
                "summary": "Keeping ownership with the rep while staying true to the organisation's goals, values and norms.",
                "lessons": [
                    {
                        "slug": "intrinsic-ownership",
                        "title": "Intrinsic ownership: when the agenda is really theirs",
                        "minutes": 10,
                        "free_preview": False,
                        "body": _C1_OWNERSHIP,
                    },
                    {
                        "slug": "steering-within-the-frame",
                        "title": "Steering gently within goals, values and norms",
                        "minutes": 12,
                        "free_preview": False,
                        "body": _C1_FRAME,
                    },
                ],
                "exercises": [_QUIZ_FRAME],
            },
            {
                "title": "Coaching every day, at work and at home",
                "summary": "Using the techniques in private life and turning coaching into a routine that lifts results.",
                "lessons": [
                    {
                        "slug": "coaching-in-private-life",
                        "title": "Coaching beyond the office",
                        "minutes": 8,
                        "free_preview": False,
                        "body": _C1_PRIVATE_LIFE,
                    },
                    {
                        "slug": "making-coaching-a-habit",
                        "title": "Making coaching a weekly habit",
                        "minutes": 10,
                        "free_preview": False,
                        "body": _C1_HABIT,
                    },
                ],
                "exercises": [_REFLECTION_COACH_HOME, _PRACTICE_LOG_MIRACLE],
            },
        ],
    },
    {
        "slug": "successfully-changing-behavior",
        "title": "Successfully Changing Behavior",
        "summary": "Turn good intentions into lasting new habits, for yourself and for the salespeople you coach.",
        "description": """Many coaching conversations end with a good intention: the rep wants to prospect more, negotiate differently or keep the CRM up to date. Weeks later, little has changed. Not because anyone was insincere, but because wanting to do something and actually doing it are separate things.

This master class starts close to home. Before asking change of your team, you will look honestly at your own resolutions: which ones lasted, which ones faded, and why. From there you will learn why a conversation or two is rarely enough to shift habits built over years, and why lapses are a normal part of the journey rather than a sign of failure.

The heart of the course is a practical toolkit: small steps, cues, if-then plans in the form "When [situation], I will [behaviour]", simple tracking, short follow-up check-ins and buddies. You will practise using these tools to coach behaviour change in your sales team, and to build a culture in which experimenting and learning are normal.

The course ends with your own commitment plan. You choose one or two behaviours, design the plan, and schedule follow-up check-ins, so the change continues long after the last lesson.""",
        "outcomes": [
            "Explain why intention and behaviour are different, and what closes the gap.",
            "Set realistic expectations for change, based on your own experience.",
            "Plan behaviour change as a series of conversations rather than a single talk.",
            "Apply small steps, cues, if-then plans, tracking, check-ins and buddies.",
            "Coach a sales rep through a behaviour change while keeping it their own.",
            "Write and follow up a personal commitment plan.",
        ],
        "language": "en",
        "estimated_hours": 6,
        "modules": [
            {
                "title": "Wanting is not the same as doing",
                "summary": "Why good intentions so often stay intentions, starting with your own.",
                "lessons": [
                    {
                        "slug": "wanting-versus-doing",
                        "title": "Wanting versus doing",
                        "minutes": 8,
                        "free_preview": True,
                        "body": _C2_WANTING_DOING,
                    },
                    {
                        "slug": "look-at-yourself-first",
                        "title": "Look at yourself first",
                        "minutes": 8,
                        "free_preview": False,
                        "body": _C2_LOOK_AT_YOURSELF,
                    },
                    {
                        "slug": "why-good-intentions-fade",
                        "title": "Seven reasons good intentions fade",
                        "minutes": 10,
                        "free_preview": False,
                        "body": _C2_WHY_INTENTIONS_FADE,
                    },
                ],
                "exercises": [_REFLECTION_RESOLUTION, _QUIZ_WANTING_DOING],
            },
            {
                "title": "Change is a process, not a conversation",
                "summary": "Why one or two talks rarely change a habit, and how to plan support over several weeks.",
                "lessons": [
                    {
                        "slug": "why-one-conversation-is-not-enough",
                        "title": "Why one or two conversations are not enough",
                        "minutes": 10,
                        "free_preview": False,
                        "body": _C2_NOT_ONE_CONVERSATION,
                    },
                    {
                        "slug": "setbacks-are-part-of-the-plan",
                        "title": "Setbacks are part of the plan",
                        "minutes": 8,
                        "free_preview": False,
                        "body": _C2_SETBACKS,
                    },
                    {
                        "slug": "designing-a-change-trajectory",
                        "title": "Designing a change trajectory",
                        "minutes": 10,
                        "free_preview": False,
                        "body": _C2_TRAJECTORY,
                    },
                ],
                "exercises": [_QUIZ_CHANGE_TAKES_TIME],
            },
            {
                "title": "Techniques that make new behaviour stick",
                "summary": "Small steps, cues, if-then plans, tracking, check-ins and buddies.",
                "lessons": [
                    {
                        "slug": "start-with-small-steps",
                        "title": "Start with small steps",
                        "minutes": 8,
                        "free_preview": False,
                        "body": _C2_SMALL_STEPS,
                    },
                    {
                        "slug": "cues-and-if-then-plans",
                        "title": "Cues and if-then plans",
                        "minutes": 10,
                        "free_preview": False,
                        "body": _C2_IF_THEN,
                    },
                    {
                        "slug": "tracking-what-you-do",
                        "title": "Tracking what you do",
                        "minutes": 8,
                        "free_preview": False,
                        "body": _C2_TRACKING,
                    },
                    {
                        "slug": "check-ins-and-buddies",
                        "title": "Follow-up check-ins and buddies",
                        "minutes": 10,
                        "free_preview": False,
                        "body": _C2_CHECKINS_BUDDIES,
                    },
                ],
                "exercises": [_QUIZ_TECHNIQUES, _ASSIGNMENT_IF_THEN],
            },
            {
                "title": "Coaching behaviour change in your sales team",
                "summary": "Bringing the toolkit into one-on-ones and building a team that supports change.",
                "lessons": [
                    {
                        "slug": "coaching-change-one-on-one",
                        "title": "Coaching a rep through a behaviour change",
                        "minutes": 12,
                        "free_preview": False,
                        "body": _C2_COACHING_IN_ONE_ON_ONES,
                    },
                    {
                        "slug": "a-team-that-supports-change",
                        "title": "A team culture that supports change",
                        "minutes": 8,
                        "free_preview": False,
                        "body": _C2_TEAM_CULTURE,
                    },
                ],
                "exercises": [_REFLECTION_TEAM],
            },
            {
                "title": "Your personal commitment plan",
                "summary": "Choosing your own behaviour change and planning the follow-up check-ins that keep it alive.",
                "lessons": [
                    {
                        "slug": "choosing-your-commitment",
                        "title": "Choosing your commitment",
                        "minutes": 8,
                        "free_preview": False,
                        "body": _C2_CHOOSING_COMMITMENT,
                    },
                    {
                        "slug": "writing-your-plan-and-check-ins",
                        "title": "Writing your plan and scheduling check-ins",
                        "minutes": 10,
                        "free_preview": False,
                        "body": _C2_PLAN_AND_CHECKINS,
                    },
                ],
                "exercises": [_PLAN_COMMITMENT],
            },
        ],
    },
]

# ---------------------------------------------------------------------------
# Demo participant data
# ---------------------------------------------------------------------------

# Sample answers by the demo participant. Used to put real submissions in the
# trainer's review queue and to fill demo follow-up data.
DEMO_ANSWERS: dict[str, str] = {
    "reflection": (
        "Last January I decided to stop checking email before nine and to use the first hour for "
        "calls with my reps. It lasted about eight days. Then we had a pricing escalation with a "
        "big customer, I opened my inbox at half past seven 'just this once', and within a week I "
        "was back to my old routine without ever deciding to give up. Looking back, I relied purely "
        "on willpower. There was no fixed cue, nobody knew about my plan, and I never wrote down "
        "whether I managed it. The one change that did stick, walking at lunch, worked because a "
        "colleague expected me at the door at half past twelve. What this tells me about my team is "
        "uncomfortable: I have often been irritated when a rep agreed to something and then did not "
        "follow through. I did exactly the same. They probably need what I needed: a small step, a "
        "clear moment, and someone who asks how it is going."
    ),
    "assignment": (
        'Miracle question: "Sanne, imagine that tonight a miracle happens and you wake up tomorrow '
        "as someone who sells on service and total cost instead of price. What would you do "
        'differently with your customers?"\n\n'
        'Follow-up 1: "How would you explain our delivery guarantee to them?"\n\n'
        'Follow-up 2: "On a scale of 0 to 10, how good are you now at selling value?"\n\n'
        "Rationale: Sanne is clearly stuck in price discussions. By asking her to imagine herself "
        "selling value, I help her see that there is another way of selling. The follow-up "
        "questions make it practical and show where she stands."
    ),
    "assignment_revised": (
        'Miracle question: "Sanne, can I ask you a slightly odd question? ... Suppose that tonight, '
        "while you're asleep, a miracle happens and this whole situation with the renewals is "
        "solved. You don't know it happened, because you were asleep. When you get to work "
        "tomorrow, what is the first thing you'd notice that tells you something has changed?\"\n\n"
        "Follow-up 1 (detail): \"And when you're talking to a customer that day, what would they "
        "notice about you that's different? ... What else?\"\n\n"
        'Follow-up 2 (scaling): "On a scale of 0 to 10, where 10 is that miracle day, where are '
        'you right now? ... What would one point higher look like this week?"\n\n'
        "Rationale: My first version put my own solution, selling value, inside the question. "
        "This time the question is open: Sanne describes her own picture of success, which may "
        "be about confidence as much as about price. The detail question makes it observable, "
        "and the scaling question brings it back to one small step she chooses. If her ideas "
        "involve discounts beyond our margin rules, I can ask how they fit our pricing policy, "
        "so the plan stays hers and within our frame."
    ),
    "trainer_feedback": (
        "Thanks for a clear and honest first attempt. You picked up exactly where Sanne is stuck, "
        "and your follow-ups already aim at making things concrete. The main thing to revise: "
        "your miracle question already contains the answer. By asking her to imagine herself "
        "'selling on service and total cost', you have chosen the solution for her, and she can "
        "only agree or disagree with your idea. Remember that she will believe only what she "
        "puts into words herself. Try a version that simply imagines the problem solved and "
        "asks what she would notice, and let her fill in the picture. Introduce the question "
        "and slow it down, so she has room to step into it. Your first follow-up is a knowledge "
        "check about our guarantee rather than a question about her picture; a 'what else would "
        "be different?' question would serve her better. Your scaling question is a good idea: "
        "anchor 10 to her own miracle rather than to 'selling value', and add a question about "
        "what one point higher would look like. Please revise and resubmit."
    ),
}

DEMO_COMMITMENTS: list[dict[str, str]] = [
    {
        "situation": "When a rep brings me a problem in a one-on-one",
        "behaviour": "I will ask at least two open questions before I share any idea of my own",
        "why": "I want my reps to trust their own judgement and stop queuing at my desk for answers.",
    },
    {
        "situation": "When I sit down after the Monday sales meeting",
        "behaviour": "I will block thirty minutes that week for a coaching conversation with one rep, taking turns",
        "why": "Coaching keeps slipping behind pipeline reviews, and I want every rep to get real attention at least once a month.",
    },
]

DEMO_CHECKIN: dict[str, str] = {
    "what_happened": (
        "In four of my six one-on-ones I asked two questions before giving my view. Twice I caught "
        "myself halfway through a piece of advice and turned it into a question. The two times it "
        "did not work were both on Thursday, when I was running late and rushed the meetings."
    ),
    "next_step": (
        "Leave ten minutes between one-on-ones on Thursdays, and put a sticky note with 'two "
        "questions first' on my notepad before each meeting."
    ),
}

DEMO_PRACTICE_LOG: list[dict[str, Any]] = [
    {
        "member": "J.K.",
        "topic": "Thin pipeline for next quarter; prospecting has stopped",
        "technique": "miracle_question",
        "question": "Suppose that tonight, while you sleep, the pipeline problem is solved. What's the first thing you'd notice when you open your calendar tomorrow?",
        "outcome": "He would see first meetings with companies similar to his best customers, and remembered this approach had worked last spring.",
        "next_step": "He will list ten lookalike companies and block Tuesday and Thursday 9:00 to 10:00 for calls.",
        "talk_ratio": 25,
    },
    {
        "member": "A.B.",
        "topic": "Price pressure from a key retail account",
        "technique": "miracle_question",
        "question": "Imagine the next review meeting with this client went exactly as you'd want. What would have been different about it?",
        "outcome": "She realised the logistics manager, who feels the cost of stock gaps, should be part of the conversation.",
        "next_step": "She will call the logistics manager before the review to ask what the stock gaps cost them.",
        "talk_ratio": 30,
    },
    {
        "member": "Rep Falcon",
        "topic": "Feeling overwhelmed by admin after moving to a bigger territory",
        "technique": "miracle_question",
        "question": "Say a small miracle happens this weekend and on Monday the admin no longer gets in your way. What would you be doing differently at nine o'clock?",
        "outcome": "He would be in the car to his first visit, with notes already done; he saw that he does admin in the evening when he is tired.",
        "next_step": "He will log each visit in the car park before driving off, and we review it briefly next Friday.",
        "talk_ratio": 40,
    },
    {
        "member": "M.d.V.",
        "topic": "Confidence after two lost renewals",
        "technique": "scaling",
        "question": "On a scale from 0 to 10, how confident are you about the Q3 renewals, and what makes it a 4 and not a 2?",
        "outcome": "She named two strong relationships and a recent referral, and felt noticeably more positive.",
        "next_step": "She will ask both strong contacts for a short account review before the end of the month.",
        "talk_ratio": 35,
    },
]
