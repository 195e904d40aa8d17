"""What the demo participant wrote: a submission, its revision and the trainer's feedback, a
commitment plan, a check-in and practice-log entries. Used by `seed_demo` (exercises and
follow-up). The courses themselves are data files under courses/demo/courses/.
"""

# Prose is kept one paragraph per line so that diffs stay readable.
# ruff: noqa: E501

from typing import Any

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
