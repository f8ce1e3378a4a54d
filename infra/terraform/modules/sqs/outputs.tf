output "queue_url" {
  value = aws_sqs_queue.this.id
}

output "queue_arn" {
  value = aws_sqs_queue.this.arn
}

output "queue_name" {
  value = aws_sqs_queue.this.name
}

output "dead_letter_queue_url" {
  value = aws_sqs_queue.dead_letter.id
}

output "dead_letter_queue_arn" {
  value = aws_sqs_queue.dead_letter.arn
}
